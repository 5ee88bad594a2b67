// Prints the one closing line CI reads: "N passed, N failed, N skipped", over every jest report
// given. A missing report, a suite that failed to run, or a run with no test at all is a failure,
// so a silent run cannot pass.
const fs = require('fs');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`No jest report at ${file}: that test run did not finish.`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const suitesFailedToRun = report.testResults.filter(
    r => r.testExecError || (r.status === 'failed' && r.assertionResults.length === 0),
  );
  for (const suite of suitesFailedToRun) {
    console.error(`Suite failed to run: ${suite.name}`);
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + suitesFailedToRun.length;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
