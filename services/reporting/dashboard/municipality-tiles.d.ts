// Types for the unit test that holds the tile map complete (the dashboard itself is plain ES modules).
/** municipality code → [column, row] */
export declare const municipalityTiles: Readonly<Record<string, readonly [number, number]>>;
