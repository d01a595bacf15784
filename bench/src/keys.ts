/** The signing secrets of the benchmark's own platform (local, throwaway). */
export const IDENTITY_KEY = 'bench-identity-key-0123456789abcdef0123';
export const TOKEN_SECRET = 'bench-token-secret-0123456789abcdef0123';
