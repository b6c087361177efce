/**
 * Runs before every test file (vitest.config.ts setupFiles). The processes tests start (csp, git,
 * bash, npm) inherit this environment. NODE_EXTRA_CA_CERTS, when the machine sets it, makes every
 * Node process load a bundle of certificates at start-up (≈ 75 ms each, hundreds of processes in
 * a run): no test needs it, since the only addresses csp is asked to reach in tests are local
 * plain-HTTP servers (test/links.test.ts) and example.org, which is never meant to answer.
 */
delete process.env.NODE_EXTRA_CA_CERTS;
