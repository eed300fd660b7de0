/**
 * Who the identity provider holds in the console's groups now, by user id (the tokens' `sub`), with
 * the role those groups give (admin over staff). The staff roster is checked against it: someone taken
 * out of the groups who never signs in again is otherwise only caught by an admin.
 */
export interface StaffDirectory {
  members(): Promise<ReadonlyMap<string, 'admin' | 'staff'>>;
}
