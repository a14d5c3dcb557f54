// Child process for the job-lease tests: takes job argv[2] (scheduled for tick argv[3], ms since epoch) and holds it
// until killed, printing "holding" once it has it. The database comes from the environment (CERTCONSOLE_DB/DATABASE_URL).
import { runExclusive } from "../../lib/server/jobs/job-lease";

const [name, tick, leaseMs] = process.argv.slice(2);
const ran = await runExclusive(
  name as string,
  Number(leaseMs),
  async () => {
    console.log("holding");
    await new Promise(() => undefined);
  },
  { tickStart: new Date(Number(tick)) },
);
if (!ran) console.log("not taken");
