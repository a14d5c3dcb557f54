/** Accounts the end-to-end server is started with. */
export const E2E_ACCOUNTS = {
  admin: { username: "admin", password: "e2e-admin-Passw0rd" },
  helpdesk: { username: "helpdesk", password: "e2e-helpdesk-Passw0rd" },
};
