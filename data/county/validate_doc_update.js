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
    var chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    var code = String(newDoc.credit_code);
    if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
      throw({ forbidden: 'credit_code：统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）' });
    }
    var sum = 0, weight = 1;
    for (var k = 0; k < 17; k++) {
      sum += chars.indexOf(code.charAt(k)) * weight;
      weight = weight * 3 % 31;
    }
    var check = chars.charAt((31 - sum % 31) % 31);
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
}
