/** The local PostgreSQL server of the development environment (trust auth). */
export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
