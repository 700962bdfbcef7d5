// Reads a GEXF or GraphML file with the graphology parsers that Gephi Lite
// uses and prints what they saw as JSON: the graph type, counts, and every
// node's and edge's attributes (edges in file order).
// Usage: node read_graph.js gexf|graphml FILE
'use strict';
const fs = require('fs');
const Graph = require('graphology');

const [format, path] = process.argv.slice(2);
const parsers = {gexf: require('graphology-gexf'), graphml: require('graphology-graphml')};
if (!parsers[format] || !path) {
  process.stderr.write('usage: node read_graph.js gexf|graphml FILE\n');
  process.exit(2);
}
const graph = parsers[format].parse(Graph, fs.readFileSync(path, 'utf8'));
const nodes = {};
graph.forEachNode((id, attributes) => { nodes[id] = attributes; });
const edges = [];
graph.forEachEdge((id, attributes, source, target) => {
  edges.push({id, source, target, attributes});
});
process.stdout.write(JSON.stringify({
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  nodes,
  edges,
}) + '\n');
