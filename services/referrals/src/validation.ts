export const CPR_FORMAT = /^\d{6}-?\d{4}$/;
