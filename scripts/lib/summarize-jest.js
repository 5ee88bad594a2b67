// Prints the one closing line CI reads: "N passed, N failed, N skipped".
// Exits non-zero when jest wrote no report or ran no test, so a silent run cannot pass.
const fs = require('fs');

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.error(`No jest report at ${file}: the test run did not finish.`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
const suitesFailedToRun = report.testResults.filter(r => r.testExecError || (r.status === 'failed' && r.assertionResults.length === 0));
const failed = report.numFailedTests + suitesFailedToRun.length;
for (const suite of suitesFailedToRun) {
  console.error(`Suite failed to run: ${suite.name}`);
}
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
