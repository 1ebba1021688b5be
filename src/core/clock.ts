/** The source of the current instant. The core never reads the system clock; callers pass one in. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
