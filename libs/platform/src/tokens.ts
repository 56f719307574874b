export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
/** The clock (`Clock` from event-store): the system clock unless a test gives another. */
export const CLOCK = Symbol('CLOCK');
/** The service's consumer registrations (ConsumerRegistration[]): for the service-contract tests. */
export const CONSUMER_REGISTRATIONS = Symbol('CONSUMER_REGISTRATIONS');
