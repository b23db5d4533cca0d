// Loads N household documents (about 840 bytes each, the size the design's anchor measured)
// into a database, or changes M of them: for tests/bench-sync.sh.
//   node bench-load.js load URL DB N        node bench-load.js touch URL DB M
'use strict';
const http = require('http');

function request(method, url, body) {
  return new Promise((resolve, reject) => {
    const data = body ? Buffer.from(JSON.stringify(body)) : null;
    const req = http.request(url, { method, agent: new http.Agent({ keepAlive: true }),
      headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {} },
      (res) => { const chunks = []; res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString() || 'null'))); });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const village = '320902101001';
function pad(n, w) { return String(n).padStart(w, '0'); }
// GB 11643 check character: the store refuses a citizen ID without the right one
function checkChar(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let j = 0; j < 17; j++) sum += Number(first17[j]) * weights[j];
  return '10X98765432'[sum % 11];
}
// Every member of every household a citizen ID of their own (up to 120,000 households): the
// sequence is the household's last three digits, the birth date the rest and the member.
function member(i, k, relation) {
  const d = Math.floor(i / 1000);
  const year = 1950 + d % 60, month = pad(1 + k * 3 + Math.floor(d / 60) % 2, 2), day = pad(10 + k, 2);
  const sequence = pad(i % 1000, 3);
  const first17 = '320902' + year + month + day + sequence;
  return { id: 'm' + k, name: '张' + ['伟', '芳', '娜', '敏', '静'][(i + k) % 5] + ['明', '华', '强'][k % 3],
           id_type: 'resident_id', id_number: first17 + checkChar(first17),
           sex: String(1 + k % 2), birth_date: year + '-' + month + '-' + day,
           ethnicity: '01', relation: relation, residence: 'registered', phone: '139' + pad(i * 7 + k, 8) };
}
function household(i) {
  return { _id: 'household:bench-' + pad(i, 7), type: 'household', schema: 1, village: village,
           grid: village + pad(1 + i % 10, 3), number: pad(i + 1, 6),
           address: '新兴镇新兴村' + (1 + i % 12) + '组' + (1 + i % 97) + '号', housing: 'owned',
           members: [member(i, 1, '02'), member(i, 2, '10'), member(i, 3, '20')],
           created_at: '2026-11-20T09:00:00Z', created_by: 'bench', updated_at: '2026-11-20T09:00:00Z', updated_by: 'bench' };
}

async function main() {
  const [mode, url, db, count] = process.argv.slice(2);
  const base = url.replace(/\/$/, '') + '/' + db;
  const n = Number(count);
  if (mode === 'load') {
    await request('POST', base + '/_bulk_docs', { docs: [{ _id: 'grid:bench-village', type: 'grid', schema: 1,
      code: village, name: '新兴村', level: 'village', parent: '320902101', village: village,
      created_at: '2026-11-20T09:00:00Z', created_by: 'bench', updated_at: '2026-11-20T09:00:00Z', updated_by: 'bench' }] });
    for (let start = 0; start < n; start += 5000) {
      const docs = [];
      for (let i = start; i < Math.min(n, start + 5000); i++) docs.push(household(i));
      await request('POST', base + '/_bulk_docs', { docs });
    }
  } else if (mode === 'touch') {
    const total = (await request('GET', base)).doc_count - 1;
    const keys = [];
    for (let i = 0; i < n; i++) keys.push('household:bench-' + pad(i * 997 % total, 7));
    const rows = (await request('POST', base + '/_all_docs?include_docs=true', { keys })).rows;
    const docs = rows.map((r) => Object.assign(r.doc, { address: r.doc.address + '（已核实）', updated_at: '2026-11-21T09:00:00Z' }));
    await request('POST', base + '/_bulk_docs', { docs });
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
