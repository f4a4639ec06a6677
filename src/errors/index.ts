export { type TriadErrorCode, triadErrorCodes } from './codes.ts'
export { isTriadError, TriadError, type TriadErrorOptions } from './TriadError.ts'
