// Types for the unit tests of the dashboard's formats (the dashboard itself is plain ES modules).
export declare const number: (value: number | null | undefined) => string;
export declare const decimal2: (value: number | null | undefined) => string;
export declare const percent: (value: number | null | undefined) => string;
export declare function missingNoteDa(note: string): string;
export declare const month: (key: string) => string;
export declare const date: (iso: string | null | undefined) => string;
