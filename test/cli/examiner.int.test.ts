import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLAIM_COLUMNS, VERDICT_CSV_COLUMNS } from "../../src/cli/claims-csv.js";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS } from "../../src/domain/index.js";
import { createExaminerFixture, type ExaminerFixture } from "../support/examiner-fixture.js";
import { freePort } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr } from "../support/node-process.js";

// The examiner's commands as child processes against a real `dipr node` (its API on a free 127.0.0.1 port)
// following a real `hardhat node`: test/support/examiner-fixture.ts says what is registered.

let fx: ExaminerFixture;
let files: { path: string; remove: () => void };
beforeAll(async () => {
  fx = await createExaminerFixture();
  files = tempDir("dipr-examiner-files-");
}, 180_000);
afterAll(async () => {
  files?.remove();
  await fx?.close();
});

/** `dipr <args> --api <the fixture's API>`. */
const dipr = (args: readonly string[], env: Record<string, string> = {}) => runDipr([...args, "--api", fx.apiUrl], env);
const api = async (path: string, init?: RequestInit) => (await fetch(`${fx.apiUrl}/api/v1${path}`, init)).json();

/** A table's text without its borders, one space between words: what a reader reads, however it wrapped. */
const words = (text: string) => text.replace(/[│┌┐└┘├┤┬┴┼─]/g, " ").replace(/\s+/g, " ");

const VERIFIED = ["--office", "US", "--number", "63/100,001", "--filing-date", "2023-01-10", "--claimant-office", "EP", "--claimant-filing-date", "2024-01-08"];

describe("dipr verify, one claim from flags", () => {
  test("prints the outcome and every reason in words, what was compared and the period; exit 0", async () => {
    const run = await dipr(["verify", ...VERIFIED]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const text = words(run.stdout);
    expect(text).toContain("claimed US 63/100,001 (US:63100001), filed 2023-01-10, patent claimant EP application filed 2024-01-08, patent");
    expect(text).toContain(`outcome verified: ${OUTCOME_DESCRIPTIONS.verified}`);
    expect(text).toContain("reasons none");
    expect(text).toContain("filing date claimed 2023-01-10, registered 2023-01-10: the same");
    expect(text).toContain("period valid: 12 months from the registered date, ending 2024-01-10; restoration window to 2024-03-10");
  });

  test("a verdict that is not verified is an answer, not an error: exit 0 (a number typed the JP way, a wrong date)", async () => {
    const run = await dipr(["verify", "--office", "JP", "--number", "特願2023-050001", "--filing-date", "2023-03-02", "--claimant-office", "US", "--claimant-filing-date", "2024-02-20"]);
    expect(run.code).toBe(0);
    const text = words(run.stdout);
    expect(text).toContain(`outcome mismatch: ${OUTCOME_DESCRIPTIONS.mismatch}`);
    expect(text).toContain(`FILING_DATE_MISMATCH: ${VERDICT_REASON_DESCRIPTIONS.FILING_DATE_MISMATCH}`);
    expect(text).toContain("filing date claimed 2023-03-02, registered 2023-03-01: DIFFERENT");
  });

  test("--json prints the API's verdict as the API gives it; --ip-type and --claimant-ip-type are sent", async () => {
    const run = await dipr(["verify", ...VERIFIED, "--json"]);
    expect(run.code).toBe(0);
    const query = new URLSearchParams({ office: "US", number: "63/100,001", filingDate: "2023-01-10", ipType: "patent", claimantOffice: "EP", claimantFilingDate: "2024-01-08", claimantIpType: "patent" });
    expect(JSON.parse(run.stdout)).toEqual(await api(`/priority-claims/verify?${query}`));
    // A design claiming a patent's priority: the period is the claimant's type's, 6 months (Paris Art. 4E(1)).
    const design = await dipr(["verify", ...VERIFIED, "--ip-type", "patent", "--claimant-ip-type", "industrialDesign", "--json"]);
    expect([design.code, design.stderr]).toEqual([0, ""]);
    expect(JSON.parse(design.stdout)).toMatchObject({ claim: { ipType: "patent", claimantIpType: "industrialDesign" }, period: { months: 6 } });
  });

  test("DIPR_API_URL names the API when --api is not given, /api/v1 or not", async () => {
    const run = await runDipr(["verify", ...VERIFIED, "--format", "json"], { DIPR_API_URL: `${fx.apiUrl}/api/v1/` });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).outcome).toBe("verified");
  });
});

describe("dipr verify --claims FILE", () => {
  const claimsFile = (name: string, rows: string[]) => {
    const path = join(files.path, name);
    writeFileSync(path, `${CLAIM_COLUMNS.join(",")}\n${rows.join("\n")}\n`);
    return path;
  };
  const good = [
    'US,"63/100,001",2023-01-10,patent,EP,2024-01-08,patent',
    "JP,特願2023-050001,2023-03-02,patent,US,2024-02-20,patent",
    'US,"63/100,001",2023-01-10,patent,EP,2024-04-02,patent',
    'US,"63/100,002",2023-01-10,patent,EP,2024-01-08,patent',
    "KR,10-2023-0123456,2023-07-03,patent,EP,2024-06-03,patent",
  ];

  test("a CSV of claims → a CSV of verdicts, a row per claim with its line; exit 0", async () => {
    const run = await dipr(["verify", "--claims", claimsFile("good.csv", good), "--format", "csv"]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...VERDICT_CSV_COLUMNS]);
    expect(rows.map((r) => [r.line, r.claimedCanonicalId, r.outcome, r.reasons])).toEqual([
      ["2", "US:63100001", "verified", ""],
      ["3", "JP:2023050001", "mismatch", "FILING_DATE_MISMATCH"],
      ["4", "US:63100001", "late", "PERIOD_EXPIRED RESTORATION_WINDOW_EXPIRED"],
      ["5", "US:63100002", "notRegistered", "NOT_REGISTERED"],
      ["6", "KR:1020230123456", "unknownOffice", "OFFICE_NOT_ON_REGISTER"],
    ]);
    expect(rows[1]).toMatchObject({ registeredFilingDate: "2023-03-01", outcomeDescription: OUTCOME_DESCRIPTIONS.mismatch });
  });

  test("--json gives the batch answer of the API, each verdict with its line; the table a row each and the outcomes' words", async () => {
    const path = claimsFile("json.csv", good.slice(0, 2));
    const run = await dipr(["verify", "--claims", path, "--json"]);
    expect(run.code).toBe(0);
    const batch = (await api("/priority-claims/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        claims: [
          { office: "US", number: "63/100,001", filingDate: "2023-01-10", ipType: "patent", claimantOffice: "EP", claimantFilingDate: "2024-01-08", claimantIpType: "patent" },
          { office: "JP", number: "特願2023-050001", filingDate: "2023-03-02", ipType: "patent", claimantOffice: "US", claimantFilingDate: "2024-02-20", claimantIpType: "patent" },
        ],
      }),
    })) as { verdicts: object[] };
    expect(JSON.parse(run.stdout)).toEqual({ verdicts: batch.verdicts.map((v, i) => ({ line: i + 2, ...v })) });

    const table = await dipr(["verify", "--claims", path]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("2 claims: 1 verified, 1 mismatch");
    expect(words(table.stdout)).toContain(`verified: ${OUTCOME_DESCRIPTIONS.verified}`);
    expect(table.stdout.split("\n").find((l) => l.startsWith("│ 3 "))).toMatch(/^│ 3 +│ JP 特願2023-050001 +│ mismatch +│ FILING_DATE_MISMATCH: The/);
  });

  test("a claim the API rejects gets its errors in its row, the others their verdicts; exit 1 with one line naming its line", async () => {
    const path = claimsFile("bad-row.csv", [good[0]!, 'US,"63/100,001",2023-02-30,patent,EP,2024-01-08,patent', "EP,24150001.7,2024-01-08,patent,US,2024-02-20,patent"]);
    const run = await dipr(["verify", "--claims", path, "--format", "csv"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error API_VALIDATION_FAILED: 2 of 3 claims were rejected (line 3, 4); each has its errors in its row.");
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.line, r.outcome, r.errors])).toEqual([
      ["2", "verified", ""],
      ["3", "", "filingDate: Date '2023-02-30' does not exist. (INVALID_DATE)"],
      ["4", "", "number: EP 24150001 has check digit 6, not 7. (CHECK_DIGIT_MISMATCH)"],
    ]);
  });

  test("a file that is not a CSV of claims is refused before anything is sent: exit 1, the line named", async () => {
    const path = join(files.path, "bad-header.csv");
    writeFileSync(path, "office,number,date\nUS,63100001,2023-01-10\n");
    const run = await dipr(["verify", "--claims", path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error CLAIMS_FILE_INVALID: \S+bad-header\.csv line 1: unknown column "date" \(the columns are office,number,filingDate,ipType,claimantOffice,claimantFilingDate,claimantIpType\); /);
    const missing = await dipr(["verify", "--claims", join(files.path, "no-such.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error CLAIMS_FILE_INVALID: cannot read \S+no-such\.csv: ENOENT/);
  });
});

describe("dipr show, history, family, claimants", () => {
  test("show: the application as registered, typed in any format; --json is the API's answer", async () => {
    const run = await dipr(["show", "EP", "EP 24 150 001.6"]);
    expect(run.code).toBe(0);
    const text = words(run.stdout);
    expect(text).toContain("application EP:24150001.6 office EP number 24150001.6 filing date 2024-01-08 IP type patent parent none");
    expect(text).toContain("priority claims #1 US:63100001 of 2023-01-10 #2 JP:2023050001 of 2023-03-01");
    const json = await dipr(["show", "EP", "24199999.4", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual(await api("/applications/EP/24199999.4"));
    expect(words((await dipr(["show", "EP", "24199999.4"])).stdout)).toContain("parent EP:24150001.6 (divisional)");
    expect(words((await dipr(["show", "EP", "24160002.2"])).stdout)).toContain("#2 US:63100001 of 2023-01-10 (withdrawn)");
  });

  test("history: every event with its block and block time", async () => {
    const run = await dipr(["history", "EP", "24160002.2"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("History of EP:24160002.2: 4 events");
    const events = lines.filter((l) => /^│ \d+ /.test(l)).map((l) => l.split("│").map((c) => c.trim()));
    expect(events.map((e) => e[3])).toEqual(["ApplicationRegistered", "PriorityClaimed", "PriorityClaimed", "PriorityClaimWithdrawn"]);
    for (const e of events) expect(e[2]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
    const json = JSON.parse((await dipr(["history", "EP", "24160002.2", "--json"])).stdout);
    expect(json).toEqual({ canonicalId: "EP:24160002.2", ...(await api("/applications/EP/24160002.2/history")) });
    expect(json.history.every((e: { blockTime?: string }) => typeof e.blockTime === "string")).toBe(true);
  });

  test("family: a tree with priority dates, the divisional, a claim's wrong date and a number only claimed", async () => {
    const run = await dipr(["family", "US", "63/100,001"]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toBe(
      [
        "Extended family of US:63100001: 5 members, 4 links",
        "Under each application, those that claim its priority (with the date their claim gives) or derive from it; ◀ the one asked for.",
        "",
        "US:63100001  2023-01-10  patent  ◀",
        "└─ EP:24150001.6  2024-01-08  patent  (priority of 2023-01-10)",
        "   └─ EP:24199999.4  2024-09-02  patent  (divisional)",
        "JP:2023050001  2023-03-01  patent",
        "├─ EP:24150001.6  (shown above)  (priority of 2023-03-01)",
        "└─ US:18600001  2024-02-20  patent  (priority of 2023-03-02, NOT the registered 2023-03-01)",
        "",
      ].join("\n"),
    );
    const kr = await dipr(["family", "KR", "10-2023-0123456"]);
    expect(kr.stdout.split("\n").slice(3, 5)).toEqual(["KR:1020230123456  NOT ON THE REGISTER (only claimed)  ◀", "└─ EP:24160002.2  2024-06-03  patent  (priority of 2023-07-03)"]);
    const simple = await dipr(["family", "EP", "24199999.4", "--kind", "simple", "--json"]);
    expect(JSON.parse(simple.stdout)).toEqual(await api("/applications/EP/24199999.4/family?kind=simple"));
  });

  test("claimants: who claims a number, withdrawn claims included; none is an answer too", async () => {
    const run = await dipr(["claimants", "US", "63100001"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("2 claims of US:63100001 (1 active):");
    const rows = run.stdout.split("\n").filter((l) => l.startsWith("│ #")).map((l) => l.split("│").map((c) => c.trim()).filter(Boolean));
    expect(rows.map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ["#1", "2023-01-10", "active", "EP:24150001.6"],
      ["#2", "2023-01-10", "withdrawn", "EP:24160002.2"],
    ]);
    expect(JSON.parse((await dipr(["claimants", "US", "63100001", "--json"])).stdout)).toEqual(await api("/applications/US/63100001/claimants?limit=100"));
    const none = await dipr(["claimants", "EP", "24199999.4"]);
    expect([none.code, none.stdout]).toEqual([0, "No application on the register claims EP:24199999.4.\n"]);
  });
});

describe("failures and their exit codes", () => {
  test("a number the API rejects: exit 1, `error CODE: title — detail` on one line", async () => {
    const run = await dipr(["show", "EP", "24150001.7"]);
    expect([run.code, run.stdout, run.stderr]).toEqual([1, "", "error CHECK_DIGIT_MISMATCH: Application number fails its check digit — EP 24150001 has check digit 6, not 7."]);
    const unknown = await dipr(["family", "EP", "24150002.4"]);
    expect([unknown.code, unknown.stderr]).toEqual([1, "error API_APPLICATION_NOT_FOUND: No such application on the register — EP:24150002.4 is not on the register."]);
    const lower = await dipr(["verify", ...VERIFIED.map((a) => (a === "EP" ? "ep" : a))]);
    expect(lower.code).toBe(1);
    expect(lower.stderr).toBe("error OFFICE_CODE_NOT_UPPERCASE: Office code must be upper case — Office code 'ep' must be upper case: did you mean 'EP'?");
  });

  test("usage: an unknown option, a bad choice, missing claim flags, flags with --claims, a bad --api: exit 2", async () => {
    const unknown = await dipr(["history", "US", "63100001", "--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--bogus'");
    const choice = await dipr(["verify", "--format", "xml"]);
    expect(choice.code).toBe(2);
    expect(choice.stderr).toContain("argument 'xml' is invalid. Allowed choices are table, csv, json.");
    const missing = await dipr(["verify", "--office", "US"]);
    expect([missing.code, missing.stderr]).toEqual([2, "error CLI_USAGE: verify needs --number, --filing-date, --claimant-office, --claimant-filing-date (or --claims FILE); see dipr verify --help."]);
    const both = await dipr(["verify", "--claims", "x.csv", "--office", "US"]);
    expect([both.code, both.stderr]).toEqual([2, "error CLI_USAGE: --claims FILE verifies the claims of the file; give no claim flags with it."]);
    const formats = await dipr(["verify", ...VERIFIED, "--json", "--format", "csv"]);
    expect([formats.code, formats.stderr]).toEqual([2, "error CLI_USAGE: --json and --format csv ask for two formats; give one."]);
    const badApi = await runDipr(["show", "US", "63100001", "--api", "127.0.0.1:3000"], {});
    expect([badApi.code, badApi.stderr]).toEqual([2, 'error CLI_USAGE: --api must be an http(s) URL such as http://127.0.0.1:3000, not "127.0.0.1:3000".']);
    const badEnv = await runDipr(["show", "US", "63100001"], { DIPR_API_URL: "ftp://node" });
    expect([badEnv.code, badEnv.stderr]).toEqual([2, "error CONFIG_INVALID: invalid configuration: DIPR_API_URL must be an http(s) URL"]);
  });

  test("no API at the URL, or something else than a dipr API there: exit 3", async () => {
    const port = await freePort();
    const down = await runDipr(["claimants", "US", "63100001", "--api", `http://127.0.0.1:${port}`], {});
    expect([down.code, down.stdout]).toEqual([3, ""]);
    expect(down.stderr).toBe(`error API_UNAVAILABLE: cannot reach the query API at http://127.0.0.1:${port}/api/v1: connect ECONNREFUSED 127.0.0.1:${port}. Is \`dipr node\` running there?`);
    const other: Server = createServer((_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>nothing here</h1>"));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    try {
      const { port: otherPort } = other.address() as { port: number };
      const run = await runDipr(["verify", ...VERIFIED, "--api", `http://127.0.0.1:${otherPort}`], {});
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(`error API_UNAVAILABLE: http://127.0.0.1:${otherPort}/api/v1 is not a dipr query API: /api/v1/priority-claims/verify answered 404 text/html.`);
    } finally {
      other.close();
    }
  });

  test("every examiner's command has --help with --api and --json", async () => {
    for (const command of ["verify", "show", "history", "family", "claimants"]) {
      const run = await runDipr([command, "--help"], {});
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: dipr ${command}`);
      expect(run.stdout).toContain("--api <url>");
      expect(run.stdout).toContain("--json");
    }
  });
});
