/** The time, injected: the system clock in production, a controlled one in tests. Deciders get `now` in their context instead. */
export type Clock = () => Date;
