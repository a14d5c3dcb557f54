export declare const E2E_ACCOUNTS: {
  admin: { username: string; password: string };
  helpdesk: { username: string; password: string };
};
