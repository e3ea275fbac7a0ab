// Compiles CheckpointAnchor.sol with solc-js into ../resources/evm/, so that neither the Maven build
// nor the runtime needs a Solidity compiler. See README.md for the exact command and versions.
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const source = fs.readFileSync(path.join(__dirname, 'CheckpointAnchor.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'CheckpointAnchor.sol': { content: source } },
  settings: {
    // paris: no PUSH0, so the bytecode also deploys on chains that have not adopted Shanghai
    // (several consortium chains and L2s); Hardhat and mainnet run it unchanged.
    evmVersion: 'paris',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  errors.forEach((e) => console.error(e.formattedMessage));
  process.exit(1);
}
const contract = output.contracts['CheckpointAnchor.sol'].CheckpointAnchor;
const out = path.join(__dirname, '..', 'resources', 'evm');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'CheckpointAnchor.abi'), JSON.stringify(contract.abi, null, 2) + '\n');
fs.writeFileSync(path.join(out, 'CheckpointAnchor.bin'), contract.evm.bytecode.object + '\n');
console.log('solc ' + solc.version() + ' -> ' + out);
