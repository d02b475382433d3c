import { halwayEslintConfig } from '@halway/eslint-config';

export default halwayEslintConfig(import.meta.dirname);
