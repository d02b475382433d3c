import type { HalFormsProperty } from '@halway/hal';

/** An ALPS descriptor (draft-amundsen-richardson-foster-alps, JSON form). */
export interface AlpsDescriptor {
  /** Its id, unique in the profile. */
  id?: string;
  /** A reference to a descriptor defined elsewhere (`#status`). */
  href?: string;
  /** `semantic` (a datum), `safe` (a read), `unsafe` or `idempotent` (writes). */
  type?: 'semantic' | 'safe' | 'unsafe' | 'idempotent';
  /** The name the element has in representations, when it is not the id. */
  name?: string;
  /** A human-readable title. */
  title?: string;
  /** The return type of a transition: a reference to the semantic descriptor it leads to. */
  rt?: string;
  /** Human-readable documentation. */
  doc?: { format?: 'text' | 'html' | 'markdown'; value: string };
  /** Extensions (the HTTP method, the constraints of a field). */
  ext?: AlpsExtension[];
  /** Nested descriptors: the data a state holds, the fields a transition takes. */
  descriptor?: AlpsDescriptor[];
}

/** An ALPS extension element. */
export interface AlpsExtension {
  /** What the extension is. */
  id: string;
  /** Where it is defined. */
  href?: string;
  /** Its value. */
  value: string;
}

/** An ALPS document. */
export interface AlpsDocument {
  /** The profile. */
  alps: {
    /** Always `1.0`. */
    version: '1.0';
    /** The service's title. */
    title?: string;
    /** What the profile describes. */
    doc?: { format?: 'text'; value: string };
    /** The descriptors. */
    descriptor: AlpsDescriptor[];
  };
}

/** The ALPS type of a transition made with this HTTP method. */
export function transitionType(method: string): 'safe' | 'unsafe' | 'idempotent' {
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD') return 'safe';
  if (upper === 'PUT' || upper === 'DELETE') return 'idempotent';
  return 'unsafe';
}

const CONSTRAINTS = [
  'type',
  'required',
  'readOnly',
  'regex',
  'min',
  'max',
  'minLength',
  'maxLength',
  'step',
] as const;

/** The semantic descriptor of a HAL-FORMS field, its constraints as extensions. */
export function fieldDescriptor(property: HalFormsProperty): AlpsDescriptor {
  const descriptor: AlpsDescriptor = { id: property.name, type: 'semantic' };
  if (property.prompt !== undefined) descriptor.title = property.prompt;
  const ext: AlpsExtension[] = [];
  for (const name of CONSTRAINTS) {
    const value = (property as unknown as Record<string, unknown>)[name];
    if (value !== undefined && value !== false)
      ext.push({
        id: name,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      });
  }
  const inline = property.options?.inline;
  if (inline) {
    const valueField = property.options?.valueField ?? 'value';
    const values = inline.map((entry) =>
      typeof entry === 'object' ? (entry as Record<string, unknown>)[valueField] : entry,
    );
    ext.push({ id: 'options', value: values.map((value) => JSON.stringify(value)).join(' ') });
  }
  if (ext.length > 0) descriptor.ext = ext;
  return descriptor;
}
