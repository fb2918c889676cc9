// A codec turns CIMI documents into plain values and back. Codecs never touch the network.

/** A CIMI document as plain data: JSON member names, arrays for repeated items. */
export type Doc = Record<string, unknown>;

export interface Codec {
  /** The bare media type sent in Content-Type and Accept. */
  readonly mediaType: string;
  /** Parses a response body; an empty body gives `undefined`. Throws CimiCodecError. */
  parse(text: string): Doc | undefined;
  /** Serializes a request document of the given CIMI type (e.g. `MachineCreate`). */
  serialize(doc: Doc, typeName: string): string;
}
