<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>About</name>
    <message>
      <location filename="../../desktop/about_dialog.py" line="37" />
      <source>About XiuCity</source>
      <translation>关于绣城</translation>
    </message>
    <message>
      <location filename="../../desktop/about_dialog.py" line="27" />
      <source>Qt {qt} · GDAL {gdal} · PROJ {proj} · Python {python}</source>
      <translation>Qt {qt} · GDAL {gdal} · PROJ {proj} · Python {python}</translation>
    </message>
    <message>
      <location filename="../../desktop/about_dialog.py" line="25" />
      <source>The street-asset registry of 岫岩满族自治县: manholes, poles, boxes, billboards, public toilets and street trees.</source>
      <translation>岫岩满族自治县城市部件登记库：检查井、杆件、箱体、户外广告、公厕和行道树。</translation>
    </message>
    <message>
      <location filename="../../desktop/about_dialog.py" line="24" />
      <source>XiuCity (绣城) {version}</source>
      <translation>绣城 XiuCity {version}</translation>
    </message>
    <message>
      <location filename="../../desktop/about_dialog.py" line="30" />
      <source>Your data folder (demo town, your export profiles): {folder}</source>
      <translation>您的数据文件夹（示范城区、您的导出方案）：{folder}</translation>
    </message>
  </context>
  <context>
    <name>AssetForm</name>
    <message>
      <location filename="../../desktop/asset_form.py" line="67" />
      <source>Apply</source>
      <translation>应用</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="54" />
      <source>Attributes</source>
      <translation>属性</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="209" />
      <source>Basic attributes</source>
      <translation>基本属性</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="57" />
      <source>Devices</source>
      <translation>挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="159" />
      <source>Edit {kind} {code}</source>
      <translation>修改 {kind} {code}</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="59" />
      <source>History</source>
      <translation>变更历史</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="184" />
      <source>No asset selected</source>
      <translation>未选择部件</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="152" />
      <source>Nothing to apply.</source>
      <translation>没有需要保存的修改。</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="61" />
      <source>Photo</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="66" />
      <source>Revert</source>
      <translation>还原</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="168" />
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="249" />
      <source>Some values are not acceptable; see the red notes.</source>
      <translation>部分数值不符合要求，请查看红色提示。</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="211" />
      <source>System</source>
      <translation>系统信息</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="236" />
      <source>{axis} (m)</source>
      <translation>{axis} 坐标(m)</translation>
    </message>
    <message>
      <location filename="../../desktop/asset_form.py" line="210" />
      <source>{kind} attributes</source>
      <translation>{kind}属性</translation>
    </message>
  </context>
  <context>
    <name>AssetHistoryView</name>
    <message>
      <location filename="../../desktop/history_view.py" line="101" />
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="23" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="68" />
      <source>Added</source>
      <translation>新增</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="23" />
      <source>By</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="23" />
      <source>Change</source>
      <translation>变更内容</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="69" />
      <source>Deleted</source>
      <translation>删除</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="69" />
      <source>Device added</source>
      <translation>添加挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="70" />
      <source>Device edited</source>
      <translation>修改挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="70" />
      <source>Device removed</source>
      <translation>移除挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="68" />
      <source>Edited</source>
      <translation>修改</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="71" />
      <source>Imported</source>
      <translation>批量导入</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="71" />
      <source>Merged</source>
      <translation>合并</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="68" />
      <source>Moved</source>
      <translation>移动</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="69" />
      <source>Retired</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="23" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="77" />
      <source>{action} (by redo)</source>
      <translation>{action}（重做）</translation>
    </message>
    <message>
      <location filename="../../desktop/history_view.py" line="75" />
      <source>{action} (by undo)</source>
      <translation>{action}（撤销）</translation>
    </message>
  </context>
  <context>
    <name>AttributeTable</name>
    <message>
      <location filename="../../desktop/attribute_table.py" line="73" />
      <source>Kind</source>
      <translation>部件类型</translation>
    </message>
    <message>
      <location filename="../../desktop/attribute_table.py" line="46" />
      <source>Search identifier, road or owner…</source>
      <translation>搜索标识码、道路或权属单位…</translation>
    </message>
    <message>
      <location filename="../../desktop/attribute_table.py" line="193" />
      <source>{n} of {total} records</source>
      <translation>{n} / 共 {total} 条</translation>
    </message>
    <message>
      <location filename="../../desktop/attribute_table.py" line="191" />
      <source>{n} records</source>
      <translation>共 {n} 条</translation>
    </message>
  </context>
  <context>
    <name>BatchMaker</name>
    <message>
      <location filename="../../desktop/planning_batches.py" line="56" />
      <source>Batch {0} made with {1} merge groups.</source>
      <translation>已建立批次 {0}，含 {1} 个合并组。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="71" />
      <source>Batch {0} to phase {1}</source>
      <translation>批次 {0} 调至第 {1} 期</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="65" />
      <source>Choose a batch first.</source>
      <translation>请先选择一个批次。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="33" />
      <source>Choose or run a plan first.</source>
      <translation>请先选择或生成方案。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="105" />
      <source>Click the corners of the area on the map; double-click to finish, Esc to cancel.</source>
      <translation>在地图上依次点击范围的各角点；双击结束，Esc 取消。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="112" />
      <source>Drawing cancelled; no batch made.</source>
      <translation>已取消绘制，未建立批次。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="87" />
      <source>Select {0} on the map first.</source>
      <translation>请先在地图上选择{0}。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="86" />
      <source>boxes</source>
      <translation>箱体</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="86" />
      <source>poles</source>
      <translation>杆件</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batches.py" line="109" />
      <source>{0} corners; double-click to finish, Esc to cancel.</source>
      <translation>已点 {0} 个角点；双击结束，Esc 取消。</translation>
    </message>
  </context>
  <context>
    <name>CLI</name>
    <message>
      <location filename="../../desktop/cli_registry.py" line="153" />
      <source>All checks passed.</source>
      <translation>全部检查通过。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="70" />
      <source>Answers different from those stored: {n}</source>
      <translation>与已存答复不同的：{n} 条</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="65" />
      <source>Answers: {answers}</source>
      <translation>回答：{answers}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="259" />
      <source>Approved {n} claims (now confirmed).</source>
      <translation>已批准 {n} 条认领（现为已确权）。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="160" />
      <source>Batch {batch} applied</source>
      <translation>批次 {batch} 已应用到台账</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="103" />
      <source>Batch {batch} made</source>
      <translation>已生成批次 {batch}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="192" />
      <source>Batch {batch} marked as carried out</source>
      <translation>批次 {batch} 已标记为现场实施完成</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="177" />
      <source>Batch {batch} reverted</source>
      <translation>批次 {batch} 已撤回</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="98" />
      <source>Building the demo town</source>
      <translation>正在生成演示城区</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="122" />
      <source>CRS</source>
      <translation>坐标系</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="224" />
      <source>Checking the package</source>
      <translation>正在检查确权包</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="174" />
      <source>Closed campaign {campaign}; {n} assets nobody claimed are now ownerless.</source>
      <translation>确权批次 {campaign} 已结束；{n} 个无人认领的部件现为无主。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="20" />
      <source>Components proven optimal: {optimal} of {n}; gap to the lower bound: {gap} hosts</source>
      <translation>已证明最优的连通分量：{optimal}/{n}；与下界相差 {gap} 根主杆</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_export.py" line="119" />
      <source>Copied to {path}; edit it, then export with --profile {name}</source>
      <translation>已复制到 {path}；编辑后用 --profile {name} 导出</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="23" />
      <source>Cost estimate: {low} – {high} CNY</source>
      <translation>估算费用：{low}–{high} 元</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="126" />
      <source>Created campaign {campaign} {name}: {n} assets offered, deadline {deadline}.</source>
      <translation>已创建确权批次 {campaign} {name}：发出认领 {n} 个部件，截止日期 {deadline}。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="74" />
      <source>Created registry {path}</source>
      <translation>已创建登记库 {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="103" />
      <source>Created the demo town in {path}: {n} assets</source>
      <translation>已在 {path} 生成演示城区：共 {n} 个部件</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="262" />
      <source>Device moved to group {group}</source>
      <translation>设备已移至第 {group} 组</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="307" />
      <source>Disputed ({n}):</source>
      <translation>有争议（{n}）：</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_import.py" line="39" />
      <source>Dry run, nothing written</source>
      <translation>试运行，未写入任何内容</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_support.py" line="21" />
      <source>Error</source>
      <translation>错误</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_export.py" line="76" />
      <source>Exported {n} assets to {path} ({format}, {crs})</source>
      <translation>已导出 {n} 个部件到 {path}（{format}，{crs}）</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_export.py" line="60" />
      <source>Exporting</source>
      <translation>正在导出</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="130" />
      <source>Extent</source>
      <translation>范围</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_support.py" line="36" />
      <source>File error: {detail}</source>
      <translation>文件错误：{detail}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="332" />
      <source>Give --org for an organisation's ledger or --summary for the campaign summary.</source>
      <translation>请用 --org 指定单位以生成其确权清单，或用 --summary 生成批次汇总（二者选一）。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_export.py" line="59" />
      <source>Give either --profile NAME or one or more --kind.</source>
      <translation>请指定 --profile 方案名，或一个或多个 --kind。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="296" />
      <source>Group {other} joined into {group}</source>
      <translation>第 {other} 组已并入第 {group} 组</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="123" />
      <source>Identifier scheme</source>
      <translation>标识码方案</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_import.py" line="92" />
      <source>Importing</source>
      <translation>正在导入</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_support.py" line="38" />
      <source>Interrupted.</source>
      <translation>已中断。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="279" />
      <source>New group {group}</source>
      <translation>新建第 {group} 组</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="72" />
      <source>New states: {states}</source>
      <translation>新状态：{states}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="152" />
      <source>No confirmation campaign yet.</source>
      <translation>还没有确权批次。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_import.py" line="135" />
      <source>No import reports yet.</source>
      <translation>尚无导入报告。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="121" />
      <source>Order of works: {order}</source>
      <translation>施工顺序：{order}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="304" />
      <source>Organisation</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="310" />
      <source>Ownerless ({n}):</source>
      <translation>无主（{n}）：</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="25" />
      <source>Owners who must co-sign: {owners}</source>
      <translation>需会签的权属单位：{owners}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="47" />
      <source>Plan {plan} made</source>
      <translation>已生成方案 {plan}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="39" />
      <source>Planning</source>
      <translation>正在规划</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="94" />
      <source>Polygon file {path} does not exist.</source>
      <translation>范围文件 {path} 不存在。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="63" />
      <source>Received the package of {org} (campaign {campaign}, version {version}): {rows} rows.</source>
      <translation>已接收{org}的确权包（批次 {campaign}，第 {version} 版）：共 {rows} 行。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="123" />
      <source>Region</source>
      <translation>行政区划</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="121" />
      <source>Registry</source>
      <translation>登记库</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_import.py" line="143" />
      <source>Report written to {path}</source>
      <translation>报告已写入 {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="75" />
      <source>Rows left out ({n}):</source>
      <translation>未采用的行（{n}）：</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="124" />
      <source>Schema version</source>
      <translation>结构版本</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="303" />
      <source>States: {states}</source>
      <translation>确权状态：{states}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="71" />
      <source>The region must be a 6-digit administrative code, e.g. 210323.</source>
      <translation>行政区划必须是6位代码，例如 210323。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_support.py" line="34" />
      <source>The registry could not be read: {detail}</source>
      <translation>无法读取登记库：{detail}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_gui.py" line="30" />
      <source>The size must look like 1600x1000.</source>
      <translation>尺寸格式应为 1600x1000。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="68" />
      <source>These answers were received before; nothing was changed.</source>
      <translation>这些答复此前已接收过，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="235" />
      <source>To take the good rows and leave these out, add --accept-valid-rows.</source>
      <translation>如需只接收有效行、舍弃以上各行，请加 --accept-valid-rows。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="127" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="95" />
      <source>Unknown size {size}: use small, county or a number.</source>
      <translation>未知规模 {size}：请使用 small、county 或一个数字。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="197" />
      <source>Writing the package</source>
      <translation>正在生成确权包</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="201" />
      <source>Wrote the package of {org} to {path}: {n} assets (version {version}).</source>
      <translation>已生成{org}的确权包 {path}：{n} 个部件（第 {version} 版）。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="339" />
      <source>Wrote {path}</source>
      <translation>已写出 {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="41" />
      <source>blank</source>
      <translation>未填</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="221" />
      <source>blocked</source>
      <translation>待确权</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="45" />
      <source>claimed</source>
      <translation>认领</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="51" />
      <source>closed</source>
      <translation>已结束</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="155" />
      <source>deadline</source>
      <translation>截止</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="23" />
      <source>expected EPSG:&lt;number&gt;, e.g. EPSG:4550</source>
      <translation>应为 EPSG:&lt;编号&gt;，例如 EPSG:4550</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="223" />
      <source>moved</source>
      <translation>迁移</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="41" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="45" />
      <source>offered</source>
      <translation>发出认领</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="51" />
      <source>open</source>
      <translation>进行中</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="47" />
      <source>owned</source>
      <translation>已归属</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="46" />
      <source>pending</source>
      <translation>未决</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="46" />
      <source>rejected</source>
      <translation>否认</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="222" />
      <source>removed</source>
      <translation>拆除</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="45" />
      <source>returned</source>
      <translation>已回复</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="41" />
      <source>unsure</source>
      <translation>不确定</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="41" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_plan.py" line="16" />
      <source>{before} → {after} ({reduction}% fewer); {groups} groups, {moved} devices move, {blocked} groups wait for ownership confirmation</source>
      <translation>{before} → {after}（减少 {reduction}%）；共 {groups} 组，迁移设备 {moved} 个，{blocked} 组待确权</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="278" />
      <source>{code} assigned to {org} ({state}).</source>
      <translation>{code} 已归属{org}（{state}）。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_confirm.py" line="155" />
      <source>{n} assets</source>
      <translation>{n} 个部件</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_registry.py" line="153" />
      <source>{n} problems found.</source>
      <translation>发现 {n} 个问题。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_import.py" line="37" />
      <source>… and {n} more findings (export the report with --report FILE).</source>
      <translation>…… 另有 {n} 条发现（可用 --report 文件 导出完整报告）。</translation>
    </message>
  </context>
  <context>
    <name>CampaignChart</name>
    <message>
      <location filename="../../desktop/campaign_chart.py" line="38" />
      <source>Assets</source>
      <translation>部件数（个）</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_chart.py" line="20" />
      <source>Claimed (yes)</source>
      <translation>认领（是）</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_chart.py" line="18" />
      <source>Offered</source>
      <translation>发出认领</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_chart.py" line="39" />
      <source>Organisation</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_chart.py" line="22" />
      <source>Pending</source>
      <translation>未决</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_chart.py" line="21" />
      <source>Rejected (no)</source>
      <translation>否认（否）</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_chart.py" line="19" />
      <source>Returned</source>
      <translation>已回复</translation>
    </message>
  </context>
  <context>
    <name>CampaignDetails</name>
    <message>
      <location filename="../../desktop/campaign_details.py" line="46" />
      <source>&lt;b&gt;{campaign} {name}&lt;/b&gt;　deadline {deadline}　{n} assets: {states}</source>
      <translation>&lt;b&gt;{campaign} {name}&lt;/b&gt;　截止 {deadline}　共 {n} 个部件：{states}</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_details.py" line="32" />
      <source>Disputed</source>
      <translation>有争议</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_details.py" line="52" />
      <source>Disputed ({n})</source>
      <translation>有争议（{n}）</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_details.py" line="40" />
      <source>No campaign yet: start one with “New campaign…”.</source>
      <translation>还没有确权批次：点“新建批次…”开始。</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_details.py" line="33" />
      <source>Ownerless</source>
      <translation>无主</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_details.py" line="53" />
      <source>Ownerless ({n})</source>
      <translation>无主（{n}）</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_details.py" line="31" />
      <source>Progress</source>
      <translation>进度</translation>
    </message>
  </context>
  <context>
    <name>Check</name>
    <message>
      <location filename="../../assets/check.py" line="49" />
      <source>GeoPackage header: application id {app}, version {version}</source>
      <translation>GeoPackage 文件头：应用标识 {app}，版本 {version}</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="54" />
      <source>GeoPackage tables present (missing: {missing})</source>
      <translation>GeoPackage 必需表齐全（缺少：{missing}）</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="114" />
      <source>Identifiers not matching the {scheme} scheme: {n}</source>
      <translation>不符合 {scheme} 方案的标识码：{n} 个</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="112" />
      <source>Identifiers used twice: {n}</source>
      <translation>重复的标识码：{n} 个</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="59" />
      <source>Layer {table} is missing or not registered</source>
      <translation>图层 {table} 缺失或未登记</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="69" />
      <source>Mounts without a pole or cabinet: {n}</source>
      <translation>找不到所属杆件或箱体的挂载设备：{n} 个</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="45" />
      <source>SQLite integrity: {result}</source>
      <translation>SQLite 完整性：{result}</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="93" />
      <source>Spatial index of {table}: {n} features, {bad} wrong</source>
      <translation>{table} 的空间索引：{n} 个要素，{bad} 个错误</translation>
    </message>
    <message>
      <location filename="../../assets/check.py" line="113" />
      <source>UUIDs used twice: {n}</source>
      <translation>重复的 UUID：{n} 个</translation>
    </message>
  </context>
  <context>
    <name>ConfirmationWorkspace</name>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="83" />
      <source>Approve all claims</source>
      <translation>批准全部认领</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="227" />
      <source>Approved {n} claims.</source>
      <translation>已批准 {n} 条认领。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="69" />
      <source>Assets</source>
      <translation>部件数</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="69" />
      <source>Campaign</source>
      <translation>批次</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="346" />
      <source>Campaign summary</source>
      <translation>批次汇总</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="84" />
      <source>Campaign summary…</source>
      <translation>批次汇总…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="311" />
      <source>Checking {file}…</source>
      <translation>正在检查 {file}…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="78" />
      <source>Close campaign</source>
      <translation>结束批次</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="359" />
      <source>Close campaign {campaign}? Assets nobody claimed become ownerless.</source>
      <translation>结束确权批次 {campaign}？无人认领的部件将成为无主。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="233" />
      <source>Closed; {n} assets nobody claimed are now ownerless.</source>
      <translation>已结束；{n} 个无人认领的部件现为无主。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="85" />
      <source>Colour the map by ownership state</source>
      <translation>地图按确权状态着色</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="217" />
      <source>Created campaign {campaign}.</source>
      <translation>已创建确权批次 {campaign}。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="69" />
      <source>Deadline</source>
      <translation>截止日期</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="237" />
      <source>Dispute settled by the bureau (campaign {campaign})</source>
      <translation>争议由住建局裁定（确权批次 {campaign}）</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="277" />
      <source>Error</source>
      <translation>错误</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="324" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="340" />
      <source>Excel workbook (*.xlsx);;PDF (*.pdf)</source>
      <translation>Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="69" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="77" />
      <source>New campaign…</source>
      <translation>新建批次…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="99" />
      <source>Organisation</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="244" />
      <source>Ownerless asset handed over by the bureau (campaign {campaign})</source>
      <translation>无主部件由住建局移交（确权批次 {campaign}）</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="375" />
      <source>Ownership confirmation</source>
      <translation>确权</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="329" />
      <source>Receive returned package</source>
      <translation>接收交回的确权包</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="82" />
      <source>Receive returned package…</source>
      <translation>接收交回的确权包…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="69" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="357" />
      <source>The deadline {deadline} has not come yet. Close campaign {campaign} now? Assets nobody claimed become ownerless.</source>
      <translation>截止日期 {deadline} 还未到。现在就结束确权批次 {campaign} 吗？无人认领的部件将成为无主。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="339" />
      <source>Write ledger</source>
      <translation>生成确权清单</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="81" />
      <source>Write ledger…</source>
      <translation>生成确权清单…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="324" />
      <source>Write package</source>
      <translation>生成确权包</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="80" />
      <source>Write package…</source>
      <translation>生成确权包…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="293" />
      <source>Writing the package of {org}…</source>
      <translation>正在生成{org}的确权包…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="288" />
      <source>Wrote the package of {org}: {n} assets, version {version}.</source>
      <translation>已生成{org}的确权包：{n} 个部件，第 {version} 版。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="262" />
      <source>Wrote {path}</source>
      <translation>已写出 {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="143" />
      <source>closed {date}</source>
      <translation>已于 {date} 结束</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="143" />
      <source>open</source>
      <translation>进行中</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="239" />
      <source>{code} assigned to {org}.</source>
      <translation>{code} 已归属{org}。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation_workspace.py" line="246" />
      <source>{n} assets assigned to {org}.</source>
      <translation>{n} 个部件已移交{org}。</translation>
    </message>
  </context>
  <context>
    <name>DisputeList</name>
    <message>
      <location filename="../../desktop/dispute_list.py" line="64" />
      <source>Answered {date}</source>
      <translation>答复于 {date}</translation>
    </message>
    <message>
      <location filename="../../desktop/dispute_list.py" line="67" />
      <source>Assign to {org}</source>
      <translation>判给{org}</translation>
    </message>
    <message>
      <location filename="../../desktop/dispute_list.py" line="40" />
      <source>Claim {n}</source>
      <translation>认领单位 {n}</translation>
    </message>
    <message>
      <location filename="../../desktop/dispute_list.py" line="62" />
      <source>Comment: {comment}</source>
      <translation>说明：{comment}</translation>
    </message>
    <message>
      <location filename="../../desktop/dispute_list.py" line="40" />
      <source>Identifier</source>
      <translation>标识码</translation>
    </message>
    <message>
      <location filename="../../desktop/dispute_list.py" line="40" />
      <source>Kind</source>
      <translation>部件类型</translation>
    </message>
    <message>
      <location filename="../../desktop/dispute_list.py" line="21" />
      <source>No disputed assets.</source>
      <translation>没有有争议的部件。</translation>
    </message>
    <message>
      <location filename="../../desktop/dispute_list.py" line="68" />
      <source>Settle the dispute: the asset goes to this organisation (已移交).</source>
      <translation>裁定争议：部件归属该单位（已移交）。</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../assets/bulk.py" line="316" />
      <source>A bulk deletion cannot be undone.</source>
      <translation>批量删除无法撤销。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_plans.py" line="40" />
      <source>A merge plan is for poles or boxes, not {kind}.</source>
      <translation>合并方案只适用于杆件或箱体，不适用于 {kind}。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_inputs.py" line="43" />
      <source>Area {area} is neither a subdistrict code, a WKT polygon, a polygon file nor asset codes.</source>
      <translation>范围 {area} 既不是街道代码，也不是 WKT 多边形、范围文件或部件标识码。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_apply.py" line="29" />
      <source>Batch {batch} cannot be applied: {n} groups involve assets whose ownership is not confirmed ({codes}). Confirm ownership (确权) first.</source>
      <translation>批次 {batch} 不能应用：{n} 个分组涉及未确权的部件（{codes}）。请先完成确权。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_apply.py" line="51" />
      <source>Batch {batch} cannot be reverted: {code} was changed after the batch was applied ({action}, {at}). Undo that change first.</source>
      <translation>批次 {batch} 不能撤回：{code} 在批次应用后又被修改（{action}，{at}）。请先撤销该修改。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_apply.py" line="34" />
      <source>Batch {batch} is already applied; revert it first to apply it again.</source>
      <translation>批次 {batch} 已应用；如需重新应用，请先撤回。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_apply.py" line="42" />
      <source>Batch {batch} is already carried out in the field; it can no longer be reverted.</source>
      <translation>批次 {batch} 已在现场实施，不能再撤回。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_apply.py" line="38" />
      <source>Batch {batch} is not applied ({state}); there is nothing to revert.</source>
      <translation>批次 {batch} 尚未应用（{state}），无可撤回。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_apply.py" line="46" />
      <source>Batch {batch} no longer matches the registry: {code} or its devices changed since the plan was made. Make a new plan for this area.</source>
      <translation>批次 {batch} 与台账不再一致：方案生成后 {code} 或其挂载设备已有变动。请为该范围重新编制方案。</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="68" />
      <source>Campaign {campaign} was closed on {date}; nothing was changed.</source>
      <translation>确权批次 {campaign} 已于 {date} 结束，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="34" />
      <source>Cancelled by the user; nothing was changed.</source>
      <translation>已由用户取消，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../desktop/map/errors.py" line="21" />
      <source>Cannot export the map as {suffix}; choose a .png or .pdf file.</source>
      <translation>无法导出为 {suffix} 格式，请选择 .png 或 .pdf 文件。</translation>
    </message>
    <message>
      <location filename="../../assets/filters.py" line="18" />
      <source>Cannot filter on {field} {op}: {reason}</source>
      <translation>无法按 {field} {op} 筛选：{reason}</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="46" />
      <source>Cannot filter on {field}: {value} is not a valid value of {title}.</source>
      <translation>无法按 {field} 筛选：{value} 不是“{title}”的有效值。</translation>
    </message>
    <message>
      <location filename="../../layers/importer.py" line="40" />
      <source>Cannot import {path}: {detail}</source>
      <translation>无法导入 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/bulk.py" line="34" />
      <source>Cannot insert these assets: {reason}</source>
      <translation>无法写入这些部件：{reason}</translation>
    </message>
    <message>
      <location filename="../../layers/field_mapping.py" line="33" />
      <source>Cannot map the delivered values: {detail}</source>
      <translation>无法对应交付数据中的值：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="11" />
      <source>Cannot read {path}: {detail}</source>
      <translation>无法读取 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="58" />
      <source>Choose an export format ({known}): the file name {path} does not say which.</source>
      <translation>请选择导出格式（{known}）：无法从文件名 {path} 判断格式。</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="54" />
      <source>Choose either an export profile or kinds, not both.</source>
      <translation>请选择导出方案或部件类型，二者不能同时指定。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_plans.py" line="60" />
      <source>Choose exactly one of road, subdistrict, polygon or codes for a batch.</source>
      <translation>批次范围只能在道路、街道、多边形或标识码中选择一种。</translation>
    </message>
    <message>
      <location filename="../../layers/importer.py" line="66" />
      <source>Coordinates in {crs} cannot be converted to the registry's coordinate system ({detail}); give the right one with --crs.</source>
      <translation>坐标无法从 {crs} 转换到登记库的坐标系（{detail}）；请用 --crs 指定正确的坐标系。</translation>
    </message>
    <message>
      <location filename="../../desktop/map/errors.py" line="17" />
      <source>Could not write the map to {path}: {detail}</source>
      <translation>无法将地图写入 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="50" />
      <source>Could not write {path}: {detail}</source>
      <translation>无法写入 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="28" />
      <source>Device {device} is not part of plan {plan}.</source>
      <translation>设备 {device} 不在方案 {plan} 中。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="9" />
      <source>Export failed: {detail}</source>
      <translation>导出失败：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="46" />
      <source>Export option {option}={value} is not known; known options: {known}.</source>
      <translation>导出选项 {option}={value} 无效；可用选项：{known}。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="54" />
      <source>Export profile {profile} is not valid: {detail}</source>
      <translation>导出方案 {profile} 无效：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="32" />
      <source>Group {group} belongs to batch {batch}, which is already applied; revert the batch before editing it.</source>
      <translation>第 {group} 组属于已应用的批次 {batch}；请先撤回该批次再修改。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="64" />
      <source>Groups {group} and {other} must be different and in the same batch.</source>
      <translation>第 {group} 组与第 {other} 组必须是不同分组且属于同一批次。</translation>
    </message>
    <message>
      <location filename="../../assets/store.py" line="21" />
      <source>Identifier {code} is already used by another asset.</source>
      <translation>标识码 {code} 已被其他部件使用。</translation>
    </message>
    <message>
      <location filename="../../assets/codes.py" line="23" />
      <source>Identifier {code} is not valid: {reason}</source>
      <translation>标识码 {code} 无效：{reason}</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="80" />
      <source>Invalid values: {details}</source>
      <translation>数值无效：{details}</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="51" />
      <source>Invite at least one organisation to the campaign.</source>
      <translation>确权批次至少要邀请一个单位。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="17" />
      <source>Layer {layer} cannot be exported: {detail}</source>
      <translation>图层 {layer} 无法导出：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="42" />
      <source>Layer {layer}: the text {value} cannot be written in {encoding}; choose UTF-8.</source>
      <translation>图层 {layer}：文字“{value}”无法用 {encoding} 编码写出；请选择 UTF-8。</translation>
    </message>
    <message>
      <location filename="../../layers/ownership_ledger.py" line="36" />
      <source>Ledgers are written as .xlsx or .pdf, not {suffix}.</source>
      <translation>确权清单只能保存为 .xlsx 或 .pdf，不能是 {suffix}。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_candidates.py" line="20" />
      <source>Merge planning input {what}: {detail}</source>
      <translation>合杆合箱规划输入有误（{what}）：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/merge_report_files.py" line="42" />
      <source>Merge reports are written as .xlsx, .pdf or .gpkg, not {suffix}.</source>
      <translation>合杆合箱报告只能保存为 .xlsx、.pdf 或 .gpkg，不能保存为 {suffix}。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_rules.py" line="35" />
      <source>Merge rules file {path} cannot be read: {detail}</source>
      <translation>无法读取合并规则文件 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/merge_rules.py" line="31" />
      <source>Merge rules {source}: {detail}</source>
      <translation>合并规则 {source}：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="74" />
      <source>No asset {ref} in the registry.</source>
      <translation>登记库中没有部件 {ref}。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="58" />
      <source>No export profile called {profile}; known profiles: {known}.</source>
      <translation>没有名为 {profile} 的导出方案；现有方案：{known}。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_plans.py" line="56" />
      <source>No free group of plan {plan} lies in {selector}; nothing was made.</source>
      <translation>方案 {plan} 在 {selector} 范围内没有未分批的分组；未生成批次。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_plans.py" line="48" />
      <source>No merge batch {ref} in this registry.</source>
      <translation>台账中没有合并批次 {ref}。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_plans.py" line="44" />
      <source>No merge plan {ref} in this registry.</source>
      <translation>台账中没有合并方案 {ref}。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirm_arguments.py" line="29" />
      <source>No organisation is called {org}; use its code or full name (e.g. {example}).</source>
      <translation>没有名为 {org} 的单位；请用单位代码或全称（如 {example}）。</translation>
    </message>
    <message>
      <location filename="../../assets/codes.py" line="27" />
      <source>No serial numbers left for prefix {prefix}.</source>
      <translation>前缀 {prefix} 的顺序号已用完。</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="63" />
      <source>No unconfirmed asset in this area can be offered to the invited organisations; no campaign was made.</source>
      <translation>该范围内没有可向受邀单位发出认领的未确权部件，未创建确权批次。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_inputs.py" line="48" />
      <source>No {kind} lie in the chosen area {area}.</source>
      <translation>所选范围 {area} 内没有{kind}。</translation>
    </message>
    <message>
      <location filename="../../layers/reference_import.py" line="31" />
      <source>None of the {count} features of {path} lie within the registry's area; nothing was replaced. Check the coordinate system (--crs, e.g. gcj02) or use --allow-outside.</source>
      <translation>{path} 的 {count} 个要素均不在本库范围内，未作替换。请检查坐标系（--crs，例如 gcj02），或使用 --allow-outside。</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="50" />
      <source>Nothing to export: choose an export profile, one or more kinds, or a selection.</source>
      <translation>没有可导出的内容：请选择导出方案、一种或多种部件类型，或当前选择集。</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="62" />
      <source>Nothing to export: no asset matches {what}. No file was written.</source>
      <translation>没有可导出的内容：没有部件符合 {what}。未写入任何文件。</translation>
    </message>
    <message>
      <location filename="../../desktop/cli_import.py" line="24" />
      <source>Nothing was imported: {summary}</source>
      <translation>未导入任何数据：{summary}</translation>
    </message>
    <message>
      <location filename="../../layers/confirmation_package.py" line="39" />
      <source>Organisation {org} has no open assets in campaign {campaign}; no package was written.</source>
      <translation>单位 {org} 在确权批次 {campaign} 中没有待认领的部件，未生成确权包。</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="47" />
      <source>Organisation {org} is not in the registry.</source>
      <translation>登记库中没有单位 {org}。</translation>
    </message>
    <message>
      <location filename="../../layers/confirmation_package.py" line="35" />
      <source>Organisation {org} is not invited to campaign {campaign}.</source>
      <translation>单位 {org} 未受邀参加确权批次 {campaign}。</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="57" />
      <source>Package {package} has no issue record in this registry; nothing was changed.</source>
      <translation>本登记库中没有确权包 {package} 的发放记录，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="24" />
      <source>Plan {plan} has no group {group}.</source>
      <translation>方案 {plan} 中没有第 {group} 组。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="46" />
      <source>Registry {path} does not exist.</source>
      <translation>登记库 {path} 不存在。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="50" />
      <source>Registry {path} is damaged and cannot be read: {detail}</source>
      <translation>登记库 {path} 已损坏，无法读取：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="16" />
      <source>Something went wrong.</source>
      <translation>出现错误。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="42" />
      <source>The archive {path} has an entry that points outside its folder ({entry}); it was not opened.</source>
      <translation>压缩包 {path} 中有指向其文件夹之外的条目（{entry}），未予打开。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="38" />
      <source>The archive {path} holds no file XiuCity can import.</source>
      <translation>压缩包 {path} 中没有绣城可导入的文件。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="52" />
      <source>The archive {path} is compressed {ratio}:1, which looks like a zip bomb; it was not opened.</source>
      <translation>压缩包 {path} 的压缩比为 {ratio}:1，疑似压缩炸弹，未予打开。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="48" />
      <source>The archive {path} would unpack to {size} MB in {entries} files, over the limit of {limit} MB / {max_entries} files; it was not opened.</source>
      <translation>压缩包 {path} 解压后将有 {size} MB、{entries} 个文件，超过 {limit} MB / {max_entries} 个文件的上限，未予打开。</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="59" />
      <source>The campaign area is not understood: {detail}</source>
      <translation>无法识别确权范围：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/importer.py" line="44" />
      <source>The coordinate system of {path} is unknown; give it with --crs (for example EPSG:4490 or gcj02).</source>
      <translation>{path} 的坐标系未知，请用 --crs 指定（例如 EPSG:4490 或 gcj02）。</translation>
    </message>
    <message>
      <location filename="../../assets/ownership.py" line="31" />
      <source>The deadline of campaign {campaign} is {deadline}; it cannot be closed before then.</source>
      <translation>确权批次 {campaign} 的截止日期是 {deadline}，此前不能结束。</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="55" />
      <source>The deadline {deadline} is not a date (YYYY-MM-DD).</source>
      <translation>截止日期 {deadline} 不是有效日期（格式 YYYY-MM-DD）。</translation>
    </message>
    <message>
      <location filename="../../assets/registry.py" line="46" />
      <source>The disk is full: the registry could not be written; nothing was changed.</source>
      <translation>磁盘已满：无法写入登记库，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../layers/ownership_ledger.py" line="32" />
      <source>The ledger could not be written to {path}: {detail}</source>
      <translation>确权清单无法写入 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../desktop/map/errors.py" line="29" />
      <source>The lines or areas given to the map layer are invalid: {detail}</source>
      <translation>提供给地图图层的线或面数据无效：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/merge_report_files.py" line="38" />
      <source>The merge report could not be written to {path}: {detail}</source>
      <translation>合杆合箱报告无法写入 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/confirmation_package.py" line="44" />
      <source>The package could not be written to {path}: {detail}</source>
      <translation>确权包无法写入 {path}：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="67" />
      <source>The package has {count} problem(s) and was not received; nothing was changed: {details}</source>
      <translation>确权包有 {count} 处问题，未予接收，未做任何更改：{details}</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="51" />
      <source>The package's hidden information was altered (its signature does not match); it cannot be received and nothing was changed.</source>
      <translation>确权包的隐藏信息被改动（签名不符），不能接收，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_plans.py" line="52" />
      <source>The planner made a plan that breaks its own rules ({n} problems, first: {first}); nothing was stored.</source>
      <translation>规划结果违反规则（{n} 处问题，第一处：{first}），未保存任何内容。</translation>
    </message>
    <message>
      <location filename="../../desktop/map/errors.py" line="25" />
      <source>The points given to the map layer are invalid: {detail}</source>
      <translation>提供给地图图层的点数据无效：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="22" />
      <source>The registry holds no import report {ref}.</source>
      <translation>本库中没有导入报告 {ref}。</translation>
    </message>
    <message>
      <location filename="../../assets/photos.py" line="20" />
      <source>The registry holds no photo {ref}.</source>
      <translation>本库中没有照片 {ref}。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="54" />
      <source>The registry is busy: another program is writing to it. Try again in a moment.</source>
      <translation>登记库正忙：另一个程序正在写入，请稍后再试。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="68" />
      <source>The registry was made by a newer XiuCity (schema {found}); this one knows up to {known}.</source>
      <translation>该登记库由较新版本的绣城创建（结构版本 {found}），当前程序最高支持 {known}。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="60" />
      <source>The registry {path} is read-only; nothing was changed.</source>
      <translation>登记库 {path} 为只读，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../desktop/map/errors.py" line="13" />
      <source>The symbology file {path} is invalid: {detail}</source>
      <translation>符号配置文件 {path} 无效：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/importer.py" line="58" />
      <source>The template {path} is for {template}, not for {kind}.</source>
      <translation>模板 {path} 适用于 {template}，不适用于 {kind}。</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="39" />
      <source>There is no confirmation campaign {campaign}.</source>
      <translation>没有确权批次 {campaign}。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirm_arguments.py" line="41" />
      <source>There is no subdistrict {name} in the registry; subdistricts: {names}.</source>
      <translation>登记库中没有街道 {name}；现有街道：{names}。</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="61" />
      <source>This is an older copy (version {version}) of the package of {org}; version {newer} was already received. Nothing was changed.</source>
      <translation>这是{org}确权包的旧版本（第 {version} 版），第 {newer} 版已经接收，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="46" />
      <source>This package was made by another registry ({registry}), not by this one; nothing was changed.</source>
      <translation>此确权包由其他登记库（{registry}）生成，不属于本登记库，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="38" />
      <source>Unknown asset kind {kind}; known kinds: {known}.</source>
      <translation>未知的部件类型 {kind}；已有类型：{known}。</translation>
    </message>
    <message>
      <location filename="../../layers/field_mapping.py" line="37" />
      <source>Unknown device type “{value}” in the mounts “{mounts}”.</source>
      <translation>挂载设备“{mounts}”中有未知的设备类型“{value}”。</translation>
    </message>
    <message>
      <location filename="../../assets/staging.py" line="43" />
      <source>Unknown duplicate action {value}: use skip, update or insert.</source>
      <translation>未知的重复处理方式 {value}：请用 skip（跳过）、update（更新）或 insert（新增）。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="13" />
      <source>Unknown export format {fmt}; known formats: {known}.</source>
      <translation>未知的导出格式 {fmt}；可用格式：{known}。</translation>
    </message>
    <message>
      <location filename="../../layers/importer.py" line="54" />
      <source>Unknown kind {kind}; use one of: {kinds}.</source>
      <translation>未知类型 {kind}；可用：{kinds}。</translation>
    </message>
    <message>
      <location filename="../../layers/importer.py" line="49" />
      <source>Which kind of asset does {path} hold? Give --kind (manholes, poles, boxes, billboards, toilets, trees) or a column naming each row's kind.</source>
      <translation>{path} 中是哪类部件？请用 --kind 指定（manholes、poles、boxes、billboards、toilets、trees），或提供一列注明每行的类型。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="66" />
      <source>You already have a profile called {profile} ({path}); choose another name.</source>
      <translation>已有名为 {profile} 的方案（{path}）；请换一个名称。</translation>
    </message>
    <message>
      <location filename="../../assets/store.py" line="68" />
      <source>another region's code</source>
      <translation>属于其他行政区划</translation>
    </message>
    <message>
      <location filename="../../assets/bulk.py" line="222" />
      <source>columns of different lengths</source>
      <translation>各列长度不一致</translation>
    </message>
    <message>
      <location filename="../../assets/codes.py" line="60" />
      <source>digits only</source>
      <translation>只能包含数字</translation>
    </message>
    <message>
      <location filename="../../assets/filters.py" line="41" />
      <source>expected FIELD=VALUE</source>
      <translation>格式应为 字段=值</translation>
    </message>
    <message>
      <location filename="../../layers/sources/gdal_guard.py" line="80" />
      <source>its table definitions are damaged</source>
      <translation>其中的表定义已损坏</translation>
    </message>
    <message>
      <location filename="../../assets/filters.py" line="57" />
      <source>no such field</source>
      <translation>没有该字段</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="85" />
      <source>row {row}, column {column}: changed from "{old}" to "{new}" (only the decision and comment columns may be filled)</source>
      <translation>第 {row} 行“{column}”列由“{old}”被改为“{new}”（只能填写认领和说明两列）</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="87" />
      <source>row {row}: "{value}" is not one of the answers ({answers})</source>
      <translation>第 {row} 行：“{value}”不是可选答复（{answers}）</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="83" />
      <source>row {row}: {code} is not in the package as issued (a row was added)</source>
      <translation>第 {row} 行：{code} 不在发放的确权包中（增加了行）</translation>
    </message>
    <message>
      <location filename="../../assets/bulk.py" line="133" />
      <source>some coordinates are missing or not numbers</source>
      <translation>部分坐标缺失或不是数字</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="167" />
      <source>the file is empty</source>
      <translation>文件为空</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="88" />
      <source>the sheet {sheet} is missing</source>
      <translation>缺少工作表“{sheet}”</translation>
    </message>
    <message>
      <location filename="../../assets/bulk.py" line="224" />
      <source>the subtype column is missing</source>
      <translation>缺少小类列</translation>
    </message>
    <message>
      <location filename="../../assets/codes.py" line="81" />
      <source>unknown identifier scheme</source>
      <translation>未知的标识码方案</translation>
    </message>
    <message>
      <location filename="../../assets/filters.py" line="88" />
      <source>unknown operator</source>
      <translation>未知的运算符</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="84" />
      <source>{code} (row {row} as issued) was deleted from the package</source>
      <translation>{code}（发放时第 {row} 行）被从确权包中删除</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="60" />
      <source>{code} is not a removed pole or box of group {group}; only those can be split off.</source>
      <translation>{code} 不是第 {group} 组中拟拆除的杆件或箱体；只有拟拆除的才能拆分出来。</translation>
    </message>
    <message>
      <location filename="../../assets/store.py" line="25" />
      <source>{code} was changed by someone else in the meantime ({field}); reload and try again.</source>
      <translation>{code} 在此期间已被他人修改（{field}），请重新加载后再试。</translation>
    </message>
    <message>
      <location filename="../../assets/ownership.py" line="27" />
      <source>{code}: the ownership state cannot change from {before} to {after}.</source>
      <translation>{code}：确权状态不能从“{before}”变为“{after}”。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="84" />
      <source>{crs} is not a coordinate system XiuCity knows.</source>
      <translation>{crs} 不是绣城认识的坐标系。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="52" />
      <source>{device} ({type}) stays for a later batch by rule ({rule}); it cannot move.</source>
      <translation>{device} 上的{type}按规则留待后续批次（{rule}），不能迁移。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="40" />
      <source>{device} ({type}) would move {distance} m across the road to {host}; the rule allows {limit} m ({rule}).</source>
      <translation>{device} 上的{type}需横跨道路方向移动 {distance} m 至 {host}，规则只允许 {limit} m（{rule}）。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="36" />
      <source>{device} ({type}) would move {distance} m to {host}; the rule allows {limit} m ({rule}).</source>
      <translation>{device} 上的{type}需移动 {distance} m 至 {host}，规则只允许 {limit} m（{rule}）。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="44" />
      <source>{device} would move across a road or the river to {host}; devices never move across the road.</source>
      <translation>{device} 上的设备需跨越道路或河流移至 {host}；设备不得跨路迁移。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="56" />
      <source>{device} would put powered and passive equipment in one cabinet {host} (boxes.combine_powered_with_passive).</source>
      <translation>{device} 的设备并入 {host} 会使有源与无源设备同箱（boxes.combine_powered_with_passive）。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="38" />
      <source>{format} cannot be written in encoding {encoding}; use one of: {known}.</source>
      <translation>{format} 无法使用 {encoding} 编码写出；请使用：{known}。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="21" />
      <source>{format} cannot be written in {crs}: {reason}</source>
      <translation>{format} 无法以 {crs} 写出：{reason}</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="26" />
      <source>{format} cannot hold GCJ-02 coordinates: the file would claim they are WGS84. Use KML, KMZ, CSV or Excel for GCJ-02.</source>
      <translation>{format} 不能保存 GCJ-02 坐标：文件会把它们标为 WGS84。GCJ-02 请使用 KML、KMZ、CSV 或 Excel。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="30" />
      <source>{format} holds longitude/latitude only; choose EPSG:4326, EPSG:4490 or GCJ-02 instead of {crs}.</source>
      <translation>{format} 只能保存经纬度；请选择 EPSG:4326、EPSG:4490 或 GCJ-02，而不是 {crs}。</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="34" />
      <source>{format} needs a projected CRS in metres such as EPSG:4550 or EPSG:4529, not {crs}: a DXF drawing stores no CRS.</source>
      <translation>{format} 需要以米为单位的投影坐标系（如 EPSG:4550 或 EPSG:4529），不能用 {crs}：DXF 图纸不保存坐标系。</translation>
    </message>
    <message>
      <location filename="../../assets/merge_edits.py" line="48" />
      <source>{host} has no free place for {device} ({type}) in {places} ({rule}).</source>
      <translation>{host} 的{places}已满，无法容纳 {device} 上的{type}（{rule}）。</translation>
    </message>
    <message>
      <location filename="../../assets/campaigns.py" line="43" />
      <source>{kind} cannot be confirmed; kinds that can: {kinds}.</source>
      <translation>{kind} 不能确权；可确权的类型：{kinds}。</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="42" />
      <source>{kind} has no field {field}; its fields are: {known}.</source>
      <translation>{kind}没有字段 {field}；其字段为：{known}。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirm_arguments.py" line="37" />
      <source>{kind} is not an asset kind that can be confirmed; kinds that can: {kinds}.</source>
      <translation>{kind} 不是可确权的部件类型；可确权的类型：{kinds}。</translation>
    </message>
    <message>
      <location filename="../../desktop/confirm_arguments.py" line="33" />
      <source>{org} could mean several organisations: {names}; use the code.</source>
      <translation>{org} 可能指多个单位：{names}；请用单位代码。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="64" />
      <source>{path} already exists; choose another file name.</source>
      <translation>{path} 已存在，请换一个文件名。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="80" />
      <source>{path} cannot be decoded as {encoding}; choose another encoding.</source>
      <translation>{path} 无法按 {encoding} 解码，请选择其他编码。</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="36" />
      <source>{path} cannot be read as an Excel workbook (.xlsx); nothing was changed.</source>
      <translation>{path} 无法作为 Excel 工作簿（.xlsx）读取，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="88" />
      <source>{path} declares XML entities, which XiuCity does not expand for safety; it was not opened.</source>
      <translation>{path} 声明了 XML 实体，出于安全考虑绣城不予展开，未予打开。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="15" />
      <source>{path} does not exist.</source>
      <translation>{path} 不存在。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="76" />
      <source>{path} has no column {column}; it has: {columns}.</source>
      <translation>{path} 中没有列 {column}；现有列：{columns}。</translation>
    </message>
    <message>
      <location filename="../../layers/reference_import.py" line="36" />
      <source>{path} has no feature usable as {layer}; nothing was replaced. {summary}</source>
      <translation>{path} 中没有可用作 {layer} 的要素，未作替换。{summary}</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="67" />
      <source>{path} has no layer {layer}; it has: {layers}.</source>
      <translation>{path} 中没有图层 {layer}；现有图层：{layers}。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="72" />
      <source>{path} holds no layers to import.</source>
      <translation>{path} 中没有可导入的图层。</translation>
    </message>
    <message>
      <location filename="../../layers/importer.py" line="62" />
      <source>{path} holds no rows to import.</source>
      <translation>{path} 中没有可导入的行。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="59" />
      <source>{path} holds several layers ({layers}); choose one.</source>
      <translation>{path} 包含多个图层（{layers}），请选择一个。</translation>
    </message>
    <message>
      <location filename="../../layers/photo_store.py" line="29" />
      <source>{path} is a file; attaching photos needs a folder of geotagged photos (.jpg).</source>
      <translation>{path} 是一个文件；附加照片需要一个存放带定位信息照片（.jpg）的文件夹。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="23" />
      <source>{path} is damaged or not a valid {driver} file: {detail}</source>
      <translation>{path} 已损坏或不是有效的 {driver} 文件：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/sources/gdal_guard.py" line="20" />
      <source>{path} is not UTF-8 text (near byte {offset}); a GeoJSON file must be UTF-8. Save it again as UTF-8.</source>
      <translation>{path} 不是 UTF-8 文本（约第 {offset} 字节处）；GeoJSON 文件必须是 UTF-8 编码，请另存为 UTF-8。</translation>
    </message>
    <message>
      <location filename="../../layers/package_receipt.py" line="40" />
      <source>{path} is not a XiuCity confirmation package (its package information is missing); nothing was changed.</source>
      <translation>{path} 不是绣城确权包（缺少确权包信息），未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../assets/errors.py" line="42" />
      <source>{path} is not a XiuCity registry.</source>
      <translation>{path} 不是绣城登记库。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/errors.py" line="19" />
      <source>{path} is not a kind of file XiuCity can import.</source>
      <translation>{path} 不是绣城可导入的文件类型。</translation>
    </message>
    <message>
      <location filename="../../desktop/photo_panel.py" line="21" />
      <source>{path} is not a picture XiuCity can read; nothing was attached.</source>
      <translation>{path} 不是绣城能读取的图片；未附加任何照片。</translation>
    </message>
    <message>
      <location filename="../../layers/field_mapping.py" line="41" />
      <source>{path} is not a usable import template: {detail}</source>
      <translation>{path} 不是可用的导入模板：{detail}</translation>
    </message>
    <message>
      <location filename="../../layers/export/errors.py" line="62" />
      <source>“{profile}” cannot name a profile: use letters, digits and _ only.</source>
      <translation>“{profile}”不能用作方案名称：只能使用字母、数字和 _。</translation>
    </message>
  </context>
  <context>
    <name>Export</name>
    <message>
      <location filename="../../layers/registry_export.py" line="173" />
      <source>Reading {title}…</source>
      <translation>正在读取{title}…</translation>
    </message>
    <message>
      <location filename="../../layers/registry_export.py" line="335" />
      <source>the selection ({n} assets)</source>
      <translation>当前选择集（{n} 个部件）</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="../../desktop/export_dialog.py" line="101" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="105" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="117" />
      <source>Coordinate system</source>
      <translation>坐标系</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="217" />
      <source>Copy export profile</source>
      <translation>复制导出方案</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="72" />
      <source>Copy this profile to one of your own, to edit</source>
      <translation>把此方案复制为自己的方案，以便编辑</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="71" />
      <source>Copy…</source>
      <translation>复制…</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="63" />
      <source>Department profile</source>
      <translation>部门导出方案</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="104" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="323" />
      <source>Export &amp;layers for other departments…</source>
      <translation>导出图层给其他部门(&amp;L)…</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="54" />
      <source>Export layers for other departments</source>
      <translation>导出图层给其他部门</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="292" />
      <source>Export to</source>
      <translation>导出到</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="314" />
      <source>Exported {n} features to {path}</source>
      <translation>已导出 {n} 个要素到 {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="301" />
      <source>Exporting…</source>
      <translation>正在导出…</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="98" />
      <source>Features</source>
      <translation>要素数</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="116" />
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="87" />
      <source>Format default</source>
      <translation>格式默认</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="64" />
      <source>Kinds chosen by hand</source>
      <translation>手动选择部件类型</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="98" />
      <source>Layer / column</source>
      <translation>图层 / 字段</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="218" />
      <source>Name of your copy (letters, digits and _):</source>
      <translation>副本名称（字母、数字和 _）：</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="95" />
      <source>Only the current selection ({n} assets)</source>
      <translation>仅导出当前选择集（{n} 个部件）</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="123" />
      <source>Output file</source>
      <translation>输出文件</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="118" />
      <source>Text encoding</source>
      <translation>文字编码</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="98" />
      <source>Title</source>
      <translation>中文名称</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="230" />
      <source>Your copy is {path}: edit it in a text editor; it is offered here the next time this dialog opens.</source>
      <translation>副本位于 {path}：请用文本编辑器修改；下次打开本对话框时即可选用。</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="286" />
      <source>{n} features in {layers} layers</source>
      <translation>共 {n} 个要素，{layers} 个图层</translation>
    </message>
    <message>
      <location filename="../../desktop/export_dialog.py" line="203" />
      <source>{title} ({name}) — my copy</source>
      <translation>{title}（{name}）— 我的副本</translation>
    </message>
  </context>
  <context>
    <name>FieldEditor</name>
    <message>
      <location filename="../../desktop/field_editor.py" line="96" />
      <source>(none)</source>
      <translation>（未填）</translation>
    </message>
    <message>
      <location filename="../../desktop/field_editor.py" line="58" />
      <source>Clear the date</source>
      <translation>清除日期</translation>
    </message>
  </context>
  <context>
    <name>GroupInspector</name>
    <message>
      <location filename="../../desktop/group_inspector.py" line="26" />
      <source>Band</source>
      <translation>挂载层</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="45" />
      <source>Blocked: ownership not confirmed for {0}</source>
      <translation>受阻：以下资产未确权 {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="25" />
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="25" />
      <source>Distance (m)</source>
      <translation>距离（米）</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="25" />
      <source>From</source>
      <translation>原杆件</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="42" />
      <source>Host: {0}</source>
      <translation>保留杆：{0}</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="22" />
      <source>No group selected</source>
      <translation>未选择合并组</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="26" />
      <source>Owner</source>
      <translation>权属单位</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="43" />
      <source>Owners: {0}</source>
      <translation>权属单位：{0}</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="42" />
      <source>Removed: {0}</source>
      <translation>拆除：{0}</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="38" />
      <source>new pole</source>
      <translation>新建杆</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="39" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../desktop/group_inspector.py" line="46" />
      <source>some assets</source>
      <translation>部分资产</translation>
    </message>
  </context>
  <context>
    <name>Import</name>
    <message>
      <location filename="../../assets/import_report.py" line="94" />
      <source>Message</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../layers/sources/coordinates.py" line="254" />
      <source>No coordinate columns were recognised; choose the X and Y columns. Columns: {columns}</source>
      <translation>未识别出坐标列，请选择 X 和 Y 列。现有列：{columns}</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="94" />
      <source>Not imported</source>
      <translation>未导入</translation>
    </message>
    <message>
      <location filename="../../layers/sources/vector.py" line="155" />
      <source>Reading stopped after {count} features: {detail}</source>
      <translation>读取 {count} 个要素后中止：{detail}</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="93" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="93" />
      <source>Row</source>
      <translation>行号</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="46" />
      <source>Row {row}: identifier {code} is already in the registry ({action}).</source>
      <translation>第 {row} 行：标识码 {code} 已在库中（{action}）。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="40" />
      <source>Row {row}: no position (empty or unreadable coordinates).</source>
      <translation>第 {row} 行：无位置（坐标为空或无法读取）。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="50" />
      <source>Row {row}: no {kind} within {metres} m of the photo; not attached.</source>
      <translation>第 {row} 行：照片 {metres} 米内没有{kind}，未挂接。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="48" />
      <source>Row {row}: probably the same {kind} as row {first}, {distance:.2f} m away ({action}).</source>
      <translation>第 {row} 行：可能与第 {first} 行是同一{kind}，相距 {distance:.2f} 米（{action}）。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="44" />
      <source>Row {row}: probably the same {kind} as {code}, {distance:.2f} m away ({action}).</source>
      <translation>第 {row} 行：可能与 {code} 为同一{kind}，相距 {distance:.2f} 米（{action}）。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="64" />
      <source>Row {row}: repeats identifier {what} of row {first} ({action}).</source>
      <translation>第 {row} 行：与第 {first} 行的标识码 {what} 重复（{action}）。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="47" />
      <source>Row {row}: repeats {what} of row {first}; skipped.</source>
      <translation>第 {row} 行：与第 {first} 行的 {what} 重复，已跳过。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="41" />
      <source>Row {row}: the coordinates are not a real place ({x}, {y}).</source>
      <translation>第 {row} 行：坐标不是有效位置（{x}, {y}）。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="42" />
      <source>Row {row}: the geometry is a {geometry}, not a point.</source>
      <translation>第 {row} 行：几何为 {geometry}，不是点。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="51" />
      <source>Row {row}: the geometry is a {geometry}; this layer needs {expected}.</source>
      <translation>第 {row} 行：几何为 {geometry}，该图层需要 {expected}。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="39" />
      <source>Row {row}: the position ({x:.1f}, {y:.1f}) lies outside the registry's area.</source>
      <translation>第 {row} 行：位置 ({x:.1f}, {y:.1f}) 在本库范围之外。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="43" />
      <source>Row {row}: unknown asset kind “{value}”.</source>
      <translation>第 {row} 行：未知部件类型“{value}”。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="52" />
      <source>Row {row}: {code} already holds these values; nothing to update.</source>
      <translation>第 {row} 行：{code} 已是这些值，无需更新。</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="70" />
      <source>Row {row}: {problem}</source>
      <translation>第 {row} 行：{problem}</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="156" />
      <source>Some characters could not be decoded as {encoding} and were replaced.</source>
      <translation>部分字符无法按 {encoding} 解码，已被替换。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="49" />
      <source>Some column headers contained line breaks; they were joined into one line.</source>
      <translation>部分列标题含有换行，已合并为一行。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/coordinates.py" line="146" />
      <source>The coordinate system is unknown and could not be guessed from the numbers; choose it.</source>
      <translation>坐标系未知，且无法根据数值推断，请选择坐标系。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/dxf.py" line="50" />
      <source>The drawing had {count} structural errors that were repaired while reading.</source>
      <translation>图纸有 {count} 处结构错误，已在读取时修复。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/dxf.py" line="72" />
      <source>The drawing has no blocks or points to import.</source>
      <translation>图纸中没有可导入的图块或点。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/coordinates.py" line="151" />
      <source>The file does not say its coordinate system; {crs} was guessed from the numbers. Check it.</source>
      <translation>文件未注明坐标系，已根据数值推断为 {crs}，请核对。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="142" />
      <source>The file does not say its text encoding; {encoding} was detected. Check the names.</source>
      <translation>文件未注明文字编码，检测为 {encoding}，请核对名称等文字。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/coordinates.py" line="142" />
      <source>The file has no coordinates to read.</source>
      <translation>文件中没有可读取的坐标。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="162" />
      <source>The file has unbalanced quotes ({detail}); values after that point may be merged. Check the last rows.</source>
      <translation>文件中引号不配对（{detail}），其后的值可能被合并，请核对最后几行。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/kml.py" line="106" />
      <source>The file is damaged or cut short ({detail}); the {count} placemarks before the damage were read.</source>
      <translation>文件已损坏或不完整（{detail}），已读取损坏处之前的 {count} 个地标。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/coordinates.py" line="130" />
      <source>The file says its coordinates are in {found}; using {wanted} as you chose.</source>
      <translation>文件注明坐标系为 {found}；按您的选择使用 {wanted}。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="92" />
      <source>The first {count} rows look like a title and were skipped; row {row} is the header.</source>
      <translation>前 {count} 行像是标题，已跳过；第 {row} 行作为表头。</translation>
    </message>
    <message>
      <location filename="../../assets/staging.py" line="108" />
      <source>The registry has no area yet (no subdistricts): rows were not checked against it.</source>
      <translation>本库尚未设定范围（无街道图层），未检查各行是否超出范围。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/vector.py" line="120" />
      <source>The shapefile's index file (.shx) is missing; it was rebuilt from the .shp.</source>
      <translation>Shapefile 缺少索引文件（.shx），已根据 .shp 重建。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="235" />
      <source>The workbook has other sheets with data ({sheets}); only {sheet} was read.</source>
      <translation>工作簿中还有其他含数据的工作表（{sheets}），只读取了 {sheet}。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/coordinates.py" line="185" />
      <source>X and Y looked exchanged (X holding the northing, as surveyors write it); they were swapped.</source>
      <translation>X 与 Y 看似颠倒（按测绘习惯 X 为北坐标），已对调。</translation>
    </message>
    <message>
      <location filename="../../layers/photo_store.py" line="92" />
      <source>asset</source>
      <translation>部件</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="106" />
      <source>duplicate of an existing asset</source>
      <translation>与已有部件重复</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="107" />
      <source>identifier already used</source>
      <translation>标识码已存在</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="101" />
      <source>impossible coordinates</source>
      <translation>坐标无效</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="59" />
      <source>inserted as a new asset</source>
      <translation>作为新部件导入</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="105" />
      <source>invalid value</source>
      <translation>取值无效</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="60" />
      <source>its values were merged into that row</source>
      <translation>其内容已并入该行</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="96" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="111" />
      <source>no asset nearby</source>
      <translation>附近无部件</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="100" />
      <source>no position</source>
      <translation>无位置</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="102" />
      <source>not a point</source>
      <translation>不是点</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="112" />
      <source>nothing to update</source>
      <translation>无需更新</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="99" />
      <source>outside the area</source>
      <translation>超出范围</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="108" />
      <source>repeated in the file</source>
      <translation>文件内重复</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="104" />
      <source>required value missing</source>
      <translation>缺少必填项</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="109" />
      <source>same place as another row of the file</source>
      <translation>与文件中另一行位置重合</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="57" />
      <source>skipped</source>
      <translation>已跳过</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="110" />
      <source>unknown kind</source>
      <translation>未知类型</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="103" />
      <source>unknown value</source>
      <translation>未知取值</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="58" />
      <source>updated</source>
      <translation>已更新</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="113" />
      <source>wrong geometry type</source>
      <translation>几何类型不符</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="95" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../layers/sources/vector.py" line="172" />
      <source>{count} geometries could not be read; those rows are kept without a position.</source>
      <translation>{count} 个几何无法读取，这些行保留但无位置。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/kml.py" line="111" />
      <source>{count} of {total} features have no geometry; they are kept without a position.</source>
      <translation>{total} 个要素中有 {count} 个没有几何，保留但无位置。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/coordinates.py" line="232" />
      <source>{count} of {total} rows have no readable coordinates in {columns}; they are kept without a position.</source>
      <translation>{total} 行中有 {count} 行在 {columns} 中没有可读坐标，保留但无位置。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/photos.py" line="74" />
      <source>{count} photos have no GPS position and are kept without one: {names}</source>
      <translation>{count} 张照片没有 GPS 位置，保留但无位置：{names}</translation>
    </message>
    <message>
      <location filename="../../assets/import_findings.py" line="67" />
      <source>{count} rows carry numbers that are not {length}-digit registry identifiers (e.g. {examples}); they get new identifiers and keep their numbers in the remarks.</source>
      <translation>{count} 行的编号不是 {length} 位标识码（如 {examples}），已分配新标识码，原编号保留在备注中。</translation>
    </message>
    <message>
      <location filename="../../layers/sources/tabular.py" line="119" />
      <source>{count} rows have more values than there are columns; the extra values were ignored.</source>
      <translation>{count} 行的值多于列数，多余的值已忽略。</translation>
    </message>
    <message>
      <location filename="../../assets/import_report.py" line="67" />
      <source>{read} rows read: {imported} imported, {updated} updated, {skipped} skipped.</source>
      <translation>读取 {read} 行：导入 {imported}，更新 {updated}，跳过 {skipped}。</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <location filename="../../desktop/import_wizard.py" line="206" />
      <source>&amp;Import…</source>
      <translation>导入(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="58" />
      <source>(not imported)</source>
      <translation>（不导入）</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="82" />
      <source>(the only layer)</source>
      <translation>（唯一图层）</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="46" />
      <source>Also import rows outside the registry's area</source>
      <translation>同时导入本库范围以外的行</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="54" />
      <source>Asset kind</source>
      <translation>部件类别</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="30" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="65" />
      <source>Choose a delivered file</source>
      <translation>选择交付的文件</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="26" />
      <source>Choose the delivered file; override its encoding or coordinate system if needed.</source>
      <translation>选择交付的文件；如有需要，可指定其编码或坐标系。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="25" />
      <source>Column mapping</source>
      <translation>字段对应</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="29" />
      <source>Column of the file</source>
      <translation>文件中的列</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="53" />
      <source>Coordinate system</source>
      <translation>坐标系</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="66" />
      <source>Delivered files (*.csv *.xlsx *.xls *.shp *.zip *.gpkg *.kml *.kmz *.dxf *.geojson);;All files (*)</source>
      <translation>交付文件 (*.csv *.xlsx *.xls *.shp *.zip *.gpkg *.kml *.kmz *.dxf *.geojson);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="34" />
      <source>Detect automatically</source>
      <translation>自动识别</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="50" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="25" />
      <source>File and layer</source>
      <translation>文件与图层</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="29" />
      <source>Findings to review</source>
      <translation>待核查的问题</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="45" />
      <source>From a column of the file</source>
      <translation>按文件中的某一列</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="38" />
      <source>From the file</source>
      <translation>按文件自带</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="40" />
      <source>GCJ-02 (Amap/Tencent)</source>
      <translation>GCJ-02（高德/腾讯）</translation>
    </message>
    <message>
      <location filename="../../desktop/import_commit_page.py" line="15" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../desktop/import_wizard.py" line="52" />
      <source>Import a delivered file</source>
      <translation>导入交付文件</translation>
    </message>
    <message>
      <location filename="../../desktop/import_commit_page.py" line="18" />
      <source>Import now</source>
      <translation>立即导入</translation>
    </message>
    <message>
      <location filename="../../desktop/import_wizard.py" line="179" />
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="42" />
      <source>Insert as new</source>
      <translation>作为新部件导入</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="51" />
      <source>Layer</source>
      <translation>图层</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="50" />
      <source>Likely duplicates (of the registry, or within the file)</source>
      <translation>疑似重复（与登记库已有部件，或文件内前后行）</translation>
    </message>
    <message>
      <location filename="../../desktop/import_wizard.py" line="151" />
      <source>Load mapping template</source>
      <translation>载入字段对应模板</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="34" />
      <source>Load template…</source>
      <translation>载入模板…</translation>
    </message>
    <message>
      <location filename="../../desktop/import_wizard.py" line="152" />
      <source>Mapping templates (*.toml *.json)</source>
      <translation>字段对应模板 (*.toml *.json)</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="37" />
      <source>Message</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../desktop/import_preview_page.py" line="23" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="36" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="30" />
      <source>Registry field</source>
      <translation>本库字段</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="35" />
      <source>Row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="30" />
      <source>Rows with a blocking finding are not imported. Nothing has been written yet.</source>
      <translation>存在阻断性问题的行不会导入。目前尚未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_wizard.py" line="151" />
      <source>Save mapping template</source>
      <translation>保存字段对应模板</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="33" />
      <source>Save template…</source>
      <translation>保存模板…</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="40" />
      <source>Skip them</source>
      <translation>跳过</translation>
    </message>
    <message>
      <location filename="../../desktop/import_file_page.py" line="52" />
      <source>Text encoding</source>
      <translation>文字编码</translation>
    </message>
    <message>
      <location filename="../../desktop/import_preview_page.py" line="24" />
      <source>The first rows of the file, and its points (blue) over the registry's area (purple outline).</source>
      <translation>文件的前几行，以及其点位（蓝色）与本库范围（紫色轮廓）的位置关系。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="49" />
      <source>The kind comes from a column: each kind's columns are mapped automatically.</source>
      <translation>类别取自文件中的一列：各类别的字段自动对应。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_findings_page.py" line="41" />
      <source>Update them</source>
      <translation>更新</translation>
    </message>
    <message>
      <location filename="../../desktop/import_mapping_page.py" line="26" />
      <source>Which registry field each column of the file fills. Proposed automatically; change as needed.</source>
      <translation>文件中每一列填入本库的哪个字段。已自动建议，可按需修改。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_commit_page.py" line="16" />
      <source>Write the rows into the registry in one step (undo is possible).</source>
      <translation>一次性将这些行写入本库（可撤销）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_preview_page.py" line="46" />
      <source>{n} rows in the file; the first {shown} are shown.</source>
      <translation>文件共 {n} 行，显示前 {shown} 行。</translation>
    </message>
  </context>
  <context>
    <name>LayerPanel</name>
    <message>
      <location filename="../../desktop/map/layer_panel.py" line="22" />
      <source>Asset kind</source>
      <translation>部件类别</translation>
    </message>
    <message>
      <location filename="../../desktop/map/layer_panel.py" line="36" />
      <source>Colour by</source>
      <translation>着色依据</translation>
    </message>
    <message>
      <location filename="../../desktop/map/layer_panel.py" line="25" />
      <source>Owner</source>
      <translation>权属单位</translation>
    </message>
    <message>
      <location filename="../../desktop/map/layer_panel.py" line="26" />
      <source>Ownership state</source>
      <translation>确权状态</translation>
    </message>
    <message>
      <location filename="../../desktop/map/layer_panel.py" line="24" />
      <source>Status</source>
      <translation>部件状态</translation>
    </message>
    <message>
      <location filename="../../desktop/map/layer_panel.py" line="23" />
      <source>Subtype</source>
      <translation>小类</translation>
    </message>
  </context>
  <context>
    <name>LegendLabels</name>
    <message>
      <location filename="../../desktop/map/legend_labels.py" line="20" />
      <source>(not recorded)</source>
      <translation>（未填写）</translation>
    </message>
  </context>
  <context>
    <name>MainActions</name>
    <message>
      <location filename="../../desktop/main_actions.py" line="36" />
      <source>&amp;About XiuCity</source>
      <translation>关于绣城(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="35" />
      <source>&amp;Check registry…</source>
      <translation>检查登记库(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="26" />
      <source>&amp;Delete</source>
      <translation>删除(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="78" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="69" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="94" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="88" />
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="24" />
      <source>&amp;New registry…</source>
      <translation>新建登记库(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="23" />
      <source>&amp;Open registry…</source>
      <translation>打开登记库(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="34" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="27" />
      <source>&amp;Retire (removed)</source>
      <translation>移除(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="92" />
      <source>&amp;Tools</source>
      <translation>工具(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="82" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="40" />
      <source>Add asset</source>
      <translation>新增部件</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="28" />
      <source>Edit selected &amp;together…</source>
      <translation>批量修改所选(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="159" />
      <source>Export map</source>
      <translation>导出地图</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="32" />
      <source>Export map as &amp;PNG…</source>
      <translation>导出地图为 &amp;PNG…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="33" />
      <source>Export map as P&amp;DF…</source>
      <translation>导出地图为 P&amp;DF…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="40" />
      <source>Identify</source>
      <translation>识别</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="106" />
      <source>Kind of asset the add tool places</source>
      <translation>新增工具放置的部件类型</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="100" />
      <source>Map tools</source>
      <translation>地图工具</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="41" />
      <source>Move asset</source>
      <translation>移动部件</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="143" />
      <source>New registry</source>
      <translation>新建登记库</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="136" />
      <source>Open registry</source>
      <translation>打开登记库</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="25" />
      <source>Open the &amp;demo town</source>
      <translation>打开演示城区(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="39" />
      <source>Pan</source>
      <translation>平移</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="72" />
      <source>Recent registries</source>
      <translation>最近打开的登记库</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="39" />
      <source>Select</source>
      <translation>选择</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="29" />
      <source>Select &amp;by the table's search</source>
      <translation>按属性表搜索条件选择(&amp;B)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="137" />
      <source>XiuCity registry (*.gpkg)</source>
      <translation>绣城登记库 (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="161" />
      <source>XiuCity — {name}</source>
      <translation>绣城 — {name}</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="30" />
      <source>Zoom to &amp;full extent</source>
      <translation>缩放至全图(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_actions.py" line="31" />
      <source>Zoom to &amp;selection</source>
      <translation>缩放至所选(&amp;S)</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/main_window.py" line="47" />
      <source>Attribute table</source>
      <translation>属性表</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="45" />
      <source>Attributes</source>
      <translation>属性</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="210" />
      <source>Cannot save</source>
      <translation>无法保存</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="43" />
      <source>Layers</source>
      <translation>图层</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="114" />
      <source>Lon {lon:.6f}° Lat {lat:.6f}°</source>
      <translation>经度 {lon:.6f}° 纬度 {lat:.6f}°</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="117" />
      <source>Scale 1:{n}</source>
      <translation>比例尺 1:{n}</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="101" />
      <source>XiuCity — {name}</source>
      <translation>绣城 — {name}</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="166" />
      <source>{n} selected</source>
      <translation>已选 {n} 个</translation>
    </message>
  </context>
  <context>
    <name>MountDialog</name>
    <message>
      <location filename="../../desktop/mount_dialog.py" line="42" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../desktop/mount_dialog.py" line="30" />
      <source>Device</source>
      <translation>挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/mount_dialog.py" line="30" />
      <source>Edit device</source>
      <translation>修改挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/mount_dialog.py" line="41" />
      <source>OK</source>
      <translation>确定</translation>
    </message>
  </context>
  <context>
    <name>MountsTable</name>
    <message>
      <location filename="../../desktop/mounts_table.py" line="87" />
      <source>Add device to {code}</source>
      <translation>为 {code} 添加挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/mounts_table.py" line="42" />
      <source>Add device…</source>
      <translation>添加设备…</translation>
    </message>
    <message>
      <location filename="../../desktop/mounts_table.py" line="98" />
      <source>Edit device on {code}</source>
      <translation>修改 {code} 的挂载设备</translation>
    </message>
    <message>
      <location filename="../../desktop/mounts_table.py" line="43" />
      <source>Edit…</source>
      <translation>修改…</translation>
    </message>
    <message>
      <location filename="../../desktop/mounts_table.py" line="44" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../desktop/mounts_table.py" line="104" />
      <source>Remove device from {code}</source>
      <translation>移除 {code} 的挂载设备</translation>
    </message>
  </context>
  <context>
    <name>MultiEditDialog</name>
    <message>
      <location filename="../../desktop/multi_edit_dialog.py" line="50" />
      <source>Apply to all</source>
      <translation>全部应用</translation>
    </message>
    <message>
      <location filename="../../desktop/multi_edit_dialog.py" line="51" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../desktop/multi_edit_dialog.py" line="37" />
      <source>Edit {n} assets</source>
      <translation>批量修改 {n} 个部件</translation>
    </message>
    <message>
      <location filename="../../desktop/multi_edit_dialog.py" line="44" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../../desktop/multi_edit_dialog.py" line="76" />
      <source>New value</source>
      <translation>新值</translation>
    </message>
    <message>
      <location filename="../../desktop/multi_edit_dialog.py" line="95" />
      <source>Set {field} on {n} assets</source>
      <translation>批量修改 {n} 个部件的{field}</translation>
    </message>
    <message>
      <location filename="../../desktop/multi_edit_dialog.py" line="55" />
      <source>{n} selected assets get the same value.</source>
      <translation>所选 {n} 个部件将设为同一数值。</translation>
    </message>
  </context>
  <context>
    <name>NewCampaignDialog</name>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="73" />
      <source>Area (subdistricts; none = everywhere)</source>
      <translation>范围（街道；不选即全部）</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="76" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="75" />
      <source>Create and offer</source>
      <translation>创建并发出认领</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="72" />
      <source>Deadline</source>
      <translation>截止日期</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="70" />
      <source>Kinds</source>
      <translation>部件类型</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="69" />
      <source>Name</source>
      <translation>批次名称</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="52" />
      <source>New confirmation campaign</source>
      <translation>新建确权批次</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="71" />
      <source>Organisations invited</source>
      <translation>受邀单位</translation>
    </message>
    <message>
      <location filename="../../desktop/campaign_dialog.py" line="54" />
      <source>e.g. 2026 first batch of manhole covers</source>
      <translation>如：2026年第一批检查井确权</translation>
    </message>
  </context>
  <context>
    <name>NorthArrowItem</name>
    <message>
      <location filename="../../desktop/map/north_arrow_item.py" line="57" />
      <source>N</source>
      <translation>北</translation>
    </message>
  </context>
  <context>
    <name>OwnerlessList</name>
    <message>
      <location filename="../../desktop/ownerless_list.py" line="20" />
      <source>Assign the selected to</source>
      <translation>将所选移交给</translation>
    </message>
    <message>
      <location filename="../../desktop/ownerless_list.py" line="47" />
      <source>No ownerless assets.</source>
      <translation>没有无主部件。</translation>
    </message>
    <message>
      <location filename="../../desktop/ownerless_list.py" line="46" />
      <source>{n} ownerless assets: nobody claimed them by the deadline.</source>
      <translation>{n} 个无主部件：截止日期前无人认领。</translation>
    </message>
  </context>
  <context>
    <name>PhotoPanel</name>
    <message>
      <location filename="../../desktop/photo_panel.py" line="123" />
      <source>Attach photo</source>
      <translation>附加照片</translation>
    </message>
    <message>
      <location filename="../../desktop/photo_panel.py" line="141" />
      <source>Attach photo {name} to {code}</source>
      <translation>为 {code} 附加照片 {name}</translation>
    </message>
    <message>
      <location filename="../../desktop/photo_panel.py" line="53" />
      <source>Attach photo…</source>
      <translation>附加照片…</translation>
    </message>
    <message>
      <location filename="../../desktop/photo_panel.py" line="79" />
      <source>No photo.</source>
      <translation>没有照片。</translation>
    </message>
    <message>
      <location filename="../../desktop/photo_panel.py" line="124" />
      <source>Photos ({patterns})</source>
      <translation>照片（{patterns}）</translation>
    </message>
    <message>
      <location filename="../../desktop/photo_panel.py" line="51" />
      <source>View full size…</source>
      <translation>查看原图…</translation>
    </message>
    <message>
      <location filename="../../desktop/photo_panel.py" line="76" />
      <source>time unknown</source>
      <translation>拍摄时间不详</translation>
    </message>
  </context>
  <context>
    <name>PlanBatchForm</name>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="45" />
      <source>Batch by</source>
      <translation>批次依据</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="35" />
      <source>Batch name (optional)</source>
      <translation>批次名称（可选）</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="91" />
      <source>Choose a road or subdistrict first.</source>
      <translation>请先选择道路或街道。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="36" />
      <source>New batch</source>
      <translation>新建批次</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="75" />
      <source>New batch, then click the corners on the map; double-click to finish, Esc to cancel.</source>
      <translation>点击“新建批次”，然后在地图上依次点击各角点；双击结束，Esc 取消。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="30" />
      <source>Polygon drawn on the map</source>
      <translation>在地图上绘制的多边形</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="28" />
      <source>Road</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="77" />
      <source>Select poles or boxes on the map, then New batch: the groups they belong to form the batch.</source>
      <translation>先在地图上选择杆件或箱体，再点击“新建批次”：它们所属的合并组组成该批次。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="31" />
      <source>Selected on the map</source>
      <translation>地图上选中的部件</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_batch_form.py" line="29" />
      <source>Subdistrict</source>
      <translation>街道</translation>
    </message>
  </context>
  <context>
    <name>PlanChart</name>
    <message>
      <location filename="../../desktop/plan_chart.py" line="36" />
      <source>After</source>
      <translation>合并后</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_chart.py" line="34" />
      <source>Before</source>
      <translation>合并前</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_chart.py" line="41" />
      <source>Before {0} → after {1} (−{2}%)</source>
      <translation>合并前 {0} → 合并后 {1}（减少 {2}%）</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_chart.py" line="40" />
      <source>Count</source>
      <translation>数量</translation>
    </message>
  </context>
  <context>
    <name>PlanEditPanel</name>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="158" />
      <source>#{0} {1} · {2} m</source>
      <translation>#{0} {1} · {2} 米</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="200" />
      <source>Check the removed poles to keep first.</source>
      <translation>请先勾选要保留的拆除杆件。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="107" />
      <source>Choose a device in the table above</source>
      <translation>请在上表中选择一个设备</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="55" />
      <source>Click a host on the map to make its group the target</source>
      <translation>在地图上点击保留杆，将其合并组设为目标</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="109" />
      <source>Device: {0} on {1}</source>
      <translation>设备：{1} 上的{0}</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="59" />
      <source>Join target into this group</source>
      <translation>将目标组并入本组</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="57" />
      <source>Move device to target</source>
      <translation>迁移设备到目标组</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="53" />
      <source>Pick on map</source>
      <translation>在地图上点选</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="79" />
      <source>Removed poles (check to keep)</source>
      <translation>拆除杆件（勾选以保留）</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="63" />
      <source>Split off checked poles</source>
      <translation>拆出勾选的杆件</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="73" />
      <source>Target group</source>
      <translation>目标组</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="52" />
      <source>The group that receives the device, or that is joined into this one</source>
      <translation>接收设备的合并组，或要并入本组的合并组</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edit_panel.py" line="153" />
      <source>new pole</source>
      <translation>新建杆</translation>
    </message>
  </context>
  <context>
    <name>PlanEditor</name>
    <message>
      <location filename="../../desktop/planning_edits.py" line="60" />
      <source>Group #{0} joined into #{1}.</source>
      <translation>合并组 #{0} 已并入 #{1}。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edits.py" line="56" />
      <source>Join group #{0} into #{1}</source>
      <translation>将合并组 #{0} 并入 #{1}</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edits.py" line="30" />
      <source>Move device of {0} to group #{1}</source>
      <translation>将 {0} 上的设备迁至合并组 #{1}</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edits.py" line="34" />
      <source>Moved the device of {0} to group #{1}.</source>
      <translation>已将 {0} 上的设备迁至合并组 #{1}。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edits.py" line="96" />
      <source>No group host there; click on a host symbol.</source>
      <translation>此处没有保留杆，请点击保留杆符号。</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edits.py" line="43" />
      <source>Split {0} off group #{1}</source>
      <translation>从合并组 #{1} 拆出 {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_edits.py" line="47" />
      <source>{0} stays, as group #{1}.</source>
      <translation>{0} 保留，成为合并组 #{1}。</translation>
    </message>
  </context>
  <context>
    <name>PlanMapMenu</name>
    <message>
      <location filename="../../desktop/planning_map_menu.py" line="58" />
      <source>Join group #{0} into group #{1}</source>
      <translation>将合并组 #{0} 并入合并组 #{1}</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_map_menu.py" line="60" />
      <source>Make group #{0} the target</source>
      <translation>设合并组 #{0} 为目标</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_map_menu.py" line="54" />
      <source>Move the chosen device here (group #{0})</source>
      <translation>将所选设备迁至此处（合并组 #{0}）</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_map_menu.py" line="50" />
      <source>Show group #{0} ({1})</source>
      <translation>查看合并组 #{0}（{1}）</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_map_menu.py" line="49" />
      <source>new pole</source>
      <translation>新建杆</translation>
    </message>
  </context>
  <context>
    <name>PlanParameters</name>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="29" />
      <source>Area</source>
      <translation>范围</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="15" />
      <source>Boxes (多箱合一)</source>
      <translation>箱体（多箱合一）</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="21" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="20" />
      <source>Default rules</source>
      <translation>默认规则</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="28" />
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="18" />
      <source>Merge plan</source>
      <translation>合并方案</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="30" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="14" />
      <source>Poles (多杆合一)</source>
      <translation>杆件（多杆合一）</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="31" />
      <source>Rules file</source>
      <translation>规则文件</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="34" />
      <source>TOML files (*.toml)</source>
      <translation>TOML 文件 (*.toml)</translation>
    </message>
    <message>
      <location filename="../../desktop/plan_parameters.py" line="17" />
      <source>Whole registry (or a subdistrict code)</source>
      <translation>全部资产（或填写街道代码）</translation>
    </message>
  </context>
  <context>
    <name>PlanningWorkspace</name>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="237" />
      <source> (blocked)</source>
      <translation>（受阻）</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="234" />
      <source>#{0} {1}: removes {2}, moves {3}</source>
      <translation>#{0} {1}：拆除 {2} 根，迁移 {3} 个设备</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="75" />
      <source>Apply</source>
      <translation>实施</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="87" />
      <source>Batches</source>
      <translation>批次</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="77" />
      <source>Clear map</source>
      <translation>清除地图标注</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="90" />
      <source>Earlier</source>
      <translation>提前</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="376" />
      <source>Excel (*.xlsx);;PDF (*.pdf);;GeoPackage (*.gpkg)</source>
      <translation>Excel (*.xlsx);;PDF (*.pdf);;GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="99" />
      <source>Groups</source>
      <translation>合并组</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="90" />
      <source>Later</source>
      <translation>推后</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="361" />
      <source>Merge planning</source>
      <translation>合杆合箱规划</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="328" />
      <source>New batch</source>
      <translation>新建批次</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="328" />
      <source>New batch {0}</source>
      <translation>新建批次 {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="133" />
      <source>Planning…</source>
      <translation>正在生成方案…</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="85" />
      <source>Plans</source>
      <translation>方案</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="76" />
      <source>Report…</source>
      <translation>输出报告…</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="76" />
      <source>Revert</source>
      <translation>撤回</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="47" />
      <source>Run planner</source>
      <translation>生成方案</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="253" />
      <source>Spacing: {0} of {1} roads keep their target; {2} gaps longer than it</source>
      <translation>间距：{1} 条道路中有 {0} 条道路达到目标间距；{2} 处间距超过目标</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="375" />
      <source>Write report</source>
      <translation>输出报告</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="170" />
      <source>applied</source>
      <translation>已实施</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="142" />
      <source>boxes</source>
      <translation>箱体</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="233" />
      <source>new pole</source>
      <translation>新建杆</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="170" />
      <source>planned</source>
      <translation>已计划</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="142" />
      <source>poles</source>
      <translation>杆件</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="170" />
      <source>reverted</source>
      <translation>已撤回</translation>
    </message>
    <message>
      <location filename="../../desktop/planning_workspace.py" line="243" />
      <source>{0} groups; {1} → {2} ({3}% fewer); owners to co-sign: {4}</source>
      <translation>{0} 个合并组；{1} → {2}（减少 {3}%）；需会签单位：{4}</translation>
    </message>
  </context>
  <context>
    <name>ReceiptDialog</name>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="53" />
      <source>&lt;b&gt;{org}&lt;/b&gt;: campaign {campaign}, version {version}, {rows} rows.</source>
      <translation>&lt;b&gt;{org}&lt;/b&gt;：确权批次 {campaign}，第 {version} 版，共 {rows} 行。</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="35" />
      <source>Accept the valid rows</source>
      <translation>只接收有效行</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="61" />
      <source>Answers different from those stored: {n}</source>
      <translation>与已存答复不同的：{n} 条</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="56" />
      <source>Answers: yes {yes}, no {no}, unsure {unsure}, blank {blank}.</source>
      <translation>回答：是 {yes}，否 {no}，不确定 {unsure}，未填 {blank}。</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="41" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="36" />
      <source>Do not receive</source>
      <translation>不接收</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="64" />
      <source>New states: {states}</source>
      <translation>新状态：{states}</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="38" />
      <source>Package received</source>
      <translation>确权包已接收</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="43" />
      <source>Problems</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="43" />
      <source>Rows left out</source>
      <translation>未采用的行</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="30" />
      <source>The package was not received</source>
      <translation>确权包未接收</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="59" />
      <source>These answers were received before; nothing was changed.</source>
      <translation>这些答复此前已接收过，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../desktop/receipt_dialog.py" line="31" />
      <source>{file} has {n} problem(s) and was not received; nothing was changed. You may take only the valid rows and leave these out, or send the package back to be corrected.</source>
      <translation>{file} 有 {n} 处问题，未接收，未做任何更改。可以只接收有效行、舍弃有问题的行，或将确权包退回对方更正。</translation>
    </message>
  </context>
  <context>
    <name>RegistryCheckDialog</name>
    <message>
      <location filename="../../desktop/registry_check_dialog.py" line="50" />
      <source>All checks passed.</source>
      <translation>全部检查通过。</translation>
    </message>
    <message>
      <location filename="../../desktop/registry_check_dialog.py" line="25" />
      <source>Check registry</source>
      <translation>检查登记库</translation>
    </message>
    <message>
      <location filename="../../desktop/registry_check_dialog.py" line="40" />
      <source>Checking the registry…</source>
      <translation>正在检查登记库…</translation>
    </message>
    <message>
      <location filename="../../desktop/registry_check_dialog.py" line="27" />
      <source>Checking…</source>
      <translation>正在检查…</translation>
    </message>
    <message>
      <location filename="../../desktop/registry_check_dialog.py" line="51" />
      <source>{n} problems found.</source>
      <translation>发现 {n} 个问题。</translation>
    </message>
  </context>
  <context>
    <name>RegistryMap</name>
    <message>
      <location filename="../../desktop/registry_map.py" line="72" />
      <source>Rivers</source>
      <translation>河流</translation>
    </message>
    <message>
      <location filename="../../desktop/registry_map.py" line="72" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../../desktop/registry_map.py" line="72" />
      <source>Subdistricts</source>
      <translation>街道</translation>
    </message>
    <message>
      <location filename="../../desktop/registry_map.py" line="73" />
      <source>Unit grids</source>
      <translation>单元网格</translation>
    </message>
  </context>
  <context>
    <name>RegistryUndoStack</name>
    <message>
      <location filename="../../desktop/undo_adapter.py" line="122" />
      <source>Edit {kind} {code}</source>
      <translation>修改 {kind} {code}</translation>
    </message>
    <message>
      <location filename="../../desktop/undo_adapter.py" line="117" />
      <source>Edit {n} assets</source>
      <translation>修改 {n} 个部件</translation>
    </message>
    <message>
      <location filename="../../desktop/undo_adapter.py" line="112" />
      <source>Redo</source>
      <translation>重做</translation>
    </message>
    <message>
      <location filename="../../desktop/undo_adapter.py" line="109" />
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
  </context>
  <context>
    <name>SelfTest</name>
    <message>
      <location filename="../../desktop/selftest.py" line="79" />
      <source>Coordinate transform</source>
      <translation>坐标转换</translation>
    </message>
    <message>
      <location filename="../../desktop/selftest.py" line="81" />
      <source>GBK shapefile with Chinese text</source>
      <translation>含中文的 GBK 编码 Shapefile</translation>
    </message>
    <message>
      <location filename="../../desktop/selftest.py" line="80" />
      <source>GeoPackage with Chinese text</source>
      <translation>含中文的 GeoPackage</translation>
    </message>
    <message>
      <location filename="../../desktop/selftest.py" line="82" />
      <source>Offscreen map render</source>
      <translation>离屏地图渲染</translation>
    </message>
    <message>
      <location filename="../../desktop/selftest.py" line="99" />
      <source>Self-test failed: {n} checks.</source>
      <translation>自检失败：{n} 项未通过。</translation>
    </message>
    <message>
      <location filename="../../desktop/selftest.py" line="98" />
      <source>Self-test passed.</source>
      <translation>自检通过。</translation>
    </message>
  </context>
  <context>
    <name>StartDialog</name>
    <message>
      <location filename="../../desktop/start_dialog.py" line="17" />
      <source>Demo town</source>
      <translation>演示城区</translation>
    </message>
    <message>
      <location filename="../../desktop/start_dialog.py" line="25" />
      <source>New registry</source>
      <translation>新建登记库</translation>
    </message>
    <message>
      <location filename="../../desktop/start_dialog.py" line="16" />
      <source>New registry…</source>
      <translation>新建登记库…</translation>
    </message>
    <message>
      <location filename="../../desktop/start_dialog.py" line="22" />
      <source>Open registry</source>
      <translation>打开登记库</translation>
    </message>
    <message>
      <location filename="../../desktop/start_dialog.py" line="15" />
      <source>Open registry…</source>
      <translation>打开登记库…</translation>
    </message>
    <message>
      <location filename="../../desktop/start_dialog.py" line="14" />
      <source>Welcome to XiuCity. Open a registry, create a new one, or look around the demo town.</source>
      <translation>欢迎使用绣城。请打开一个登记库、新建登记库，或先看看演示城区。</translation>
    </message>
    <message>
      <location filename="../../desktop/start_dialog.py" line="13" />
      <source>XiuCity</source>
      <translation>绣城</translation>
    </message>
  </context>
  <context>
    <name>TaskRunner</name>
    <message>
      <location filename="../../desktop/task_runner.py" line="136" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../desktop/task_runner.py" line="126" />
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <location filename="../../desktop/task_runner.py" line="181" />
      <source>Error</source>
      <translation>错误</translation>
    </message>
    <message>
      <location filename="../../desktop/task_runner.py" line="183" />
      <source>OK</source>
      <translation>确定</translation>
    </message>
    <message>
      <location filename="../../desktop/task_runner.py" line="137" />
      <source>Please wait</source>
      <translation>请稍候</translation>
    </message>
    <message>
      <location filename="../../desktop/task_runner.py" line="179" />
      <source>Unexpected error: {detail}</source>
      <translation>意外错误：{detail}</translation>
    </message>
    <message>
      <location filename="../../desktop/task_runner.py" line="136" />
      <source>Working…</source>
      <translation>正在处理…</translation>
    </message>
  </context>
  <context>
    <name>Validation</name>
    <message>
      <location filename="../../assets/kinds/trees.py" line="31" />
      <source>A vacant planting site has no tree: clear species and trunk diameter.</source>
      <translation>缺株树穴没有树木：请清空树种和胸径。</translation>
    </message>
    <message>
      <location filename="../../assets/kinds/poles.py" line="15" />
      <source>An integrated pole must have the subtype 综合杆 ({code}).</source>
      <translation>综合杆的小类必须为 综合杆（{code}）。</translation>
    </message>
    <message>
      <location filename="../../assets/kinds/billboards.py" line="39" />
      <source>The next safety check cannot be before the last one.</source>
      <translation>下次安全检查日期不能早于上次检查。</translation>
    </message>
    <message>
      <location filename="../../assets/fields.py" line="113" />
      <source>{label} has the wrong format: {value}.</source>
      <translation>{label} 格式错误：{value}。</translation>
    </message>
    <message>
      <location filename="../../assets/fields.py" line="110" />
      <source>{label} is longer than {n} characters.</source>
      <translation>{label} 超过 {n} 个字符。</translation>
    </message>
    <message>
      <location filename="../../assets/fields.py" line="97" />
      <source>{label} is required.</source>
      <translation>{label} 为必填项。</translation>
    </message>
    <message>
      <location filename="../../assets/fields.py" line="106" />
      <source>{label} must be between {min} and {max}.</source>
      <translation>{label} 必须在 {min} 到 {max} 之间。</translation>
    </message>
    <message>
      <location filename="../../assets/fields.py" line="119" />
      <source>{label}: cannot read {value!r}.</source>
      <translation>{label}：无法识别 {value!r}。</translation>
    </message>
    <message>
      <location filename="../../assets/import_cleaning.py" line="42" />
      <source>{label}: unknown organisation {value}.</source>
      <translation>{label}：未知单位 {value}。</translation>
    </message>
    <message>
      <location filename="../../assets/fields.py" line="102" />
      <source>{label}: unknown value {value}.</source>
      <translation>{label}：未知取值 {value}。</translation>
    </message>
    <message>
      <location filename="../../assets/import_cleaning.py" line="189" />
      <source>{name} is not a field of {kind}.</source>
      <translation>{name} 不是{kind}的字段。</translation>
    </message>
  </context>
  <context>
    <name>ValueLabels</name>
    <message>
      <location filename="../../desktop/value_labels.py" line="79" />
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../desktop/value_labels.py" line="78" />
      <source>Yes</source>
      <translation>是</translation>
    </message>
  </context>
  <context>
    <name>WindowManager</name>
    <message>
      <location filename="../../desktop/window_manager.py" line="51" />
      <source>Cannot create</source>
      <translation>无法创建</translation>
    </message>
    <message>
      <location filename="../../desktop/window_manager.py" line="42" />
      <source>Cannot open</source>
      <translation>无法打开</translation>
    </message>
  </context>
</TS>
