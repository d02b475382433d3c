/** Where Debian's chromium package puts the browser. */
export declare const DEBIAN_CHROMIUM: string;
/** Where Debian's postgresql package puts the version 15 server programs. */
export declare const DEBIAN_POSTGRES_BIN: string;
/** A program the tests need is missing and could not be installed. */
export declare class ProvisionError extends Error {}
/** Where to look instead of Debian's path, and whether installing is allowed (tests). */
export interface FindOptions {
  debian?: string;
  install?: boolean;
}
/** The path of a Chromium to drive (`CHROMIUM_PATH`, Debian's, or installed now); throws what to do. */
export declare function findChromium(options?: FindOptions): string;
/** The directory of the PostgreSQL 15 server programs (`PG_BIN`, Debian's, or installed now). */
export declare function findPostgres(options?: FindOptions): string;
