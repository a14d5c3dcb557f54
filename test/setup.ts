// @peculiar/x509 uses tsyringe, which needs reflect-metadata loaded first.
import "reflect-metadata";

// The server's JSON request logs (lib/server/log.ts) would bury the test output: warnings and errors only in the test
// process (test/request-log.test.ts raises the level while it reads them). Processes a test starts (workers) keep
// their own level.
if (!process.env.CERTCONSOLE_LOG_LEVEL) (await import("@/lib/server/log")).log.level = "warn";
