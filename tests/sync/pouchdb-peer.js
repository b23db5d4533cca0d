// A PouchDB client for the interoperability test and the benchmark, built from the PouchDB
// modules pinned in package-lock.json (pouchdb-server brings them).
//   node pouchdb-peer.js put URL DB USER PASSWORD  < doc.json   replicate one document up
//   node pouchdb-peer.js get URL DB USER PASSWORD ID              replicate down, print the doc
//   node pouchdb-peer.js replicate URL DB [BATCH]                 replicate all into memory, print seconds
'use strict';
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-replication'));

function remote(url, db, user, password) {
  const options = user ? { auth: { username: user, password: password } } : {};
  return new PouchDB(url.replace(/\/$/, '') + '/' + db, options);
}

async function main() {
  const [mode, url, db, user, password, extra] = process.argv.slice(2);
  const local = new PouchDB('peer-' + process.pid + '-' + Date.now(), { adapter: 'memory' });
  if (mode === 'put') {
    const text = require('fs').readFileSync(0, 'utf8');
    await local.put(JSON.parse(text));
    const result = await local.replicate.to(remote(url, db, user, password));
    if (result.docs_written !== 1) throw new Error('wrote ' + result.docs_written + ' documents');
  } else if (mode === 'get') {
    await local.replicate.from(remote(url, db, user, password), { doc_ids: [extra] });
    process.stdout.write(JSON.stringify(await local.get(extra)) + '\n');
  } else if (mode === 'replicate') {
    const batch = Number(user || 100);
    const start = process.hrtime.bigint();
    const result = await local.replicate.from(remote(url, db), { batch_size: batch });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    process.stdout.write(JSON.stringify({ seconds: seconds, docs_written: result.docs_written }) + '\n');
  } else {
    throw new Error('usage: put|get|replicate');
  }
}

main().catch((error) => { process.stderr.write(String(error && error.stack || error) + '\n'); process.exit(1); });
