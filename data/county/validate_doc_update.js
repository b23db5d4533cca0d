/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The county platform's gate for every write into a village database griddesk-<village>
 * (installed as _design/griddesk by `griddesk-ctl county provision`). CouchDB has no
 * per-document read access: the database is the boundary, this function guards writes.
 * Its reasons are shown to grid staff as they are (the "rejected" list): Chinese. */
function (newDoc, oldDoc, userCtx, secObj) {
  /* CouchDB names the database in userCtx.db. PouchDB Server (the test peer) passes neither
   * it nor secObj to validation: there the document's own village stands in, so roles are
   * still checked, but "village matches the database" only on CouchDB. */
  var village = (userCtx.db || '').replace(/^griddesk-/, '');
  var known = village !== '';
  if (!known) {
    village = String(newDoc.village || (newDoc.level === 'town' && newDoc.code) ||
                     (oldDoc && oldDoc.village) || '');
  }
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }

  if (!(has('_admin') || has('county-it') || has('village-' + village)
        || has('town-' + village.substring(0, 9)) || has('county-' + village.substring(0, 6)))) {
    throw({ unauthorized: '只有村（社区）' + village + '及其所属镇、县的工作人员可以写入' });
  }
  if (newDoc._id.indexOf('_design/') === 0) {
    if (!(has('_admin') || has('county-it'))) {
      throw({ forbidden: '只有县级信息中心可以修改设计文档' });
    }
    return;
  }
  if (newDoc._deleted === true) {
    return;
  }

  var required = {
    grid: ['code', 'name', 'level'],
    household: ['grid', 'number', 'address', 'members'],
    incident: ['grid', 'number', 'title', 'category', 'reported_at', 'status'],
    dispute: ['grid', 'category', 'status', 'received_at'],
    patrol: ['grid', 'kind', 'patroller', 'started_at'],
    component: ['grid', 'code', 'name', 'state'],
    mediator: ['name', 'kind'],
    organisation: ['grid', 'name', 'kind', 'premises', 'status']
  };
  /* the county dispatches work (上级交办) as incidents; registers belong to the village and town */
  if (!(has('_admin') || has('county-it') || has('village-' + village)
        || has('town-' + village.substring(0, 9))) && newDoc.type !== 'incident') {
    var names = { grid: '网格', household: '住户', dispute: '矛盾纠纷', patrol: '巡查',
                  component: '部件', mediator: '调解员', organisation: '单位场所' };
    throw({ forbidden: '县级账号只能下派事件（上级交办），' + (names[newDoc.type] || newDoc.type) +
            '信息由村、镇维护' });
  }
  var fields = required[newDoc.type];
  if (!fields) {
    throw({ forbidden: 'type：未知类型 ' + JSON.stringify(newDoc.type) +
            '（应为 grid、household、incident、dispute、patrol、component、mediator 或 organisation）' });
  }
  for (var i = 0; i < fields.length; i++) {
    var value = newDoc[fields[i]];
    if (value === undefined || value === null || value === '') {
      throw({ forbidden: fields[i] + '：缺少此项（' + newDoc.type + ' 类记录必填）' });
    }
  }
  /* 统一社会信用代码 (GB 32100-2015): the character set and the final check character; the
   * workstation checks the rest (authorities, divisions, the organisation code) */
  if (newDoc.type === 'organisation' && newDoc.credit_code) {
    var alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    var code = String(newDoc.credit_code);
    if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
      throw({ forbidden: 'credit_code：统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）' });
    }
    var sum = 0, weight = 1;
    for (var k = 0; k < 17; k++) {
      sum += alphabet.indexOf(code.charAt(k)) * weight;
      weight = weight * 3 % 31;
    }
    var check = alphabet.charAt((31 - sum % 31) % 31);
    if (code.charAt(17) !== check) {
      throw({ forbidden: 'credit_code：校验码应为 ' + check });
    }
  }
  /* a town-level grid document is the only one that belongs to no village */
  if (known && !(newDoc.type === 'grid' && newDoc.level === 'town') && newDoc.village !== village) {
    throw({ forbidden: 'village：' + JSON.stringify(newDoc.village) + ' 不属于村（社区）' + village + ' 的数据库' });
  }
  if (oldDoc && oldDoc.type && oldDoc.type !== newDoc.type) {
    throw({ forbidden: 'type：' + oldDoc.type + ' 类记录不能改为 ' + newDoc.type });
  }

  /* The limits of src/core/gd-limits.h, which test-limits checks these agree with: lengths in
   * characters, arrays in elements, the document's JSON text in bytes. */
  var LIMITS = { document_bytes: 1048576, depth: 32, name: 64, address: 200, short: 200,
                 text: 10000, members: 100, timeline: 1000, sessions: 200, follow_ups: 100,
                 array: 1000, ring: 10000, vertices: 50000, attachment_bytes: 20971520,
                 attachments: 50 };
  var KIND = { name: 'name', landlord: 'name', patroller: 'name', recorder: 'name',
               agent: 'name', by: 'name', created_by: 'name', updated_by: 'name',
               attendees: 'name', inspectors: 'name', address: 'address',
               hukou_address: 'address', place: 'address', notes: 'text', note: 'text',
               description: 'text', summary: 'text', facts: 'text', claims: 'text',
               content: 'text', outcome: 'text', terms: 'text', responsibilities: 'text',
               reason: 'text', risk_note: 'text', routes_advised: 'text' };
  function count(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  /* "members[0].name：最多 64 个字符（实际 21,000 个）", as gd-limits.c says it in Chinese */
  function over(path, unit, limit, got) {
    throw({ forbidden: (path || '$') + '：最多 ' + count(limit) + unit + '（实际 ' + count(got) +
                       (unit.indexOf(' 个') === 0 ? ' 个' : unit) + '）' });
  }
  function isArray(value) { return Object.prototype.toString.call(value) === '[object Array]'; }
  function chars(s) { return s.replace(/[\uDC00-\uDFFF]/g, '').length; }
  function positions(value, path, depth) {
    if (!isArray(value) || depth > LIMITS.depth) { return 0; }
    if (value.length > 0 && isArray(value[0]) && typeof value[0][0] === 'number') {
      if (value.length > LIMITS.ring) { over(path, ' 个顶点', LIMITS.ring, value.length); }
      return value.length;
    }
    var total = 0;
    for (var i = 0; i < value.length; i++) { total += positions(value[i], path + '[' + i + ']', depth + 1); }
    return total;
  }
  function walk(value, path, member, depth) {
    if (typeof value === 'string') {
      var max = LIMITS[KIND[member] || 'short'];
      if (value.length > max && chars(value) > max) { over(path, ' 个字符', max, chars(value)); }
    } else if (value !== null && typeof value === 'object') {
      if (depth > LIMITS.depth) { throw({ forbidden: (path || '$') + '：嵌套超过 ' + LIMITS.depth + ' 层' }); }
      if (isArray(value)) {
        var most = LIMITS[member] || LIMITS.array;
        if (value.length > most) { over(path, ' 项', most, value.length); }
        for (var i = 0; i < value.length; i++) { walk(value[i], path + '[' + i + ']', member, depth + 1); }
        return;
      }
      for (var key in value) {
        var inner = path ? path + '.' + key : key;
        if (chars(key) > LIMITS.short) { over(inner, ' 个字符', LIMITS.short, chars(key)); }
        if (key === 'coordinates') {
          var total = positions(value[key], inner, depth + 1);
          if (total > LIMITS.vertices) { over(inner, ' 个顶点', LIMITS.vertices, total); }
        } else if (!(depth === 1 && key === '_attachments')) {
          walk(value[key], inner, key, depth + 1);
        }
      }
    }
  }
  /* attachments have limits of their own: the document is its JSON without them */
  var bare = {};
  for (var member in newDoc) { if (member !== '_attachments') { bare[member] = newDoc[member]; } }
  var size = unescape(encodeURIComponent(JSON.stringify(bare))).length;
  if (size > LIMITS.document_bytes) { over('$', ' 字节', LIMITS.document_bytes, size); }
  walk(newDoc, '', '', 1);
  var attachments = newDoc._attachments || {};
  var n = 0;
  for (var name in attachments) {
    n++;
    var stub = attachments[name] || {};
    var length = stub.data ? Math.floor(stub.data.length * 3 / 4) : stub.length;
    if (length > LIMITS.attachment_bytes) {
      over('_attachments.' + name + '.length', ' 字节', LIMITS.attachment_bytes, length);
    }
  }
  if (n > LIMITS.attachments) { over('_attachments', ' 个附件', LIMITS.attachments, n); }
}
