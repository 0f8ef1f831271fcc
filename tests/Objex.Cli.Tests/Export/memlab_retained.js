// Loads a .heapsnapshot with memlab's own parser, lets memlab compute dominators and retained sizes, and prints
// {"nodes": N, "edges": E, "retained": {"<id>": size, …}} for the ids given on the command line (all when none).
// Usage: NODE_PATH=<folder with node_modules> node memlab_retained.js FILE [ID …]
'use strict';
const { utils, TraceFinder, config } = require('@memlab/core');

async function main() {
  const [file, ...ids] = process.argv.slice(2);
  config.muteConsole = true;
  const snapshot = await utils.getSnapshotFromFile(file, { buildNodeIdIndex: true });
  new TraceFinder().calculateAllNodesRetainedSizes(snapshot);
  const retained = {};
  const dominator = {};
  const wanted = ids.length > 0 ? ids.map(Number) : null;
  snapshot.nodes.forEach((node) => {
    if (wanted === null || wanted.includes(node.id)) {
      retained[node.id] = node.retainedSize;
      dominator[node.id] = node.dominatorNode ? node.dominatorNode.id : -1;
    }
  });
  process.stdout.write(JSON.stringify({ nodes: snapshot.nodes.length, edges: snapshot.edges.length, retained, dominator }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exit(1);
});
