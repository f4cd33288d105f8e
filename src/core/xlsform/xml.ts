/**
 * XML parts of an .xlsx, parsed without trusting them: a DOCTYPE (and with it any entity
 * definition, the "billion laughs" attack) is refused outright, since SpreadsheetML never has one,
 * and only the five predefined entities and numeric character references are decoded.
 */
import { XMLParser } from 'fast-xml-parser';

/** Elements that may repeat: always arrays, so one child and many children read the same way. */
const REPEATED = new Set(['sheet', 'Relationship', 'row', 'c', 'si', 'r', 'xf', 'numFmt']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => REPEATED.has(name),
});

/** A parsed element: attributes as "@name", children by name, text as "#text" (or the element is a string). */
export type XmlNode = Record<string, unknown>;

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Parses one XML part. Throws XmlError on a DOCTYPE or on text the parser cannot read. */
export function parseXml(text: string): XmlNode {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new XmlError('it declares a DOCTYPE or entities, which SpreadsheetML never does');
  }
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (e) {
    throw new XmlError(e instanceof Error ? e.message : String(e));
  }
  if (!doc || typeof doc !== 'object') throw new XmlError('it is not XML');
  return doc as XmlNode;
}

/** The child element(s) `name` of `node`, always as an array of nodes. */
export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as XmlNode)[name];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'object' && x !== null ? (x as XmlNode) : { '#text': String(x) }));
}

/** The first child element `name`, or undefined. */
export function child(node: unknown, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** An attribute value, entity-decoded; undefined when absent. */
export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.['@' + name];
  return v === undefined || v === null ? undefined : decodeEntities(String(v));
}

/** The text content of an element (not of its children), entity-decoded. */
export function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node !== 'object') return decodeEntities(String(node));
  const t = (node as XmlNode)['#text'];
  return t === undefined || t === null ? '' : decodeEntities(String(t));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e] ?? m;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m;
  });
}
