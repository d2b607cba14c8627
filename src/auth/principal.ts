/** The verified caller, from the bearer token's claims (DESIGN.md section 7). */
export const ROLES = ['investigator', 'supervisor', 'inspector', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Principal {
  sub: string;
  roles: Role[];
  /** The force the caller belongs to (slug), e.g. west-yorkshire. */
  force: string;
}
