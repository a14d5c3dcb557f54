// @peculiar/x509 uses tsyringe, which needs reflect-metadata loaded first.
import "reflect-metadata";

// The server's JSON request logs (lib/server/log.ts) would bury the test output: warnings and errors only, unless a
// run asks for more (test/request-log.test.ts raises the level while it reads them).
process.env.CERTCONSOLE_LOG_LEVEL ??= "warn";
