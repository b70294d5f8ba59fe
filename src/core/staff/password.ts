// How long a staff member's console password must and may be: the service enforces it and the
// console says it before the password is sent.
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128
