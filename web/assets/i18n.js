// Chinese and English. The language is the visitor's choice (kept in
// localStorage) or else the browser's first Chinese or English language;
// Chinese when the browser names neither. Practice-area names come from
// GET /practice-areas.

const KEY = 'lawdesk.lang';

const zh = {
  'brand.sub': '律师咨询预约',
  skip: '跳到正文',
  'lang.switch': 'English',
  'lang.switch_label': 'Switch to English',
  'lang.zh': '中文', 'lang.en': '英语',
  'nav.label': '主导航', 'nav.home': '首页', 'nav.ask': '咨询律师', 'nav.lawyers': '律师名录', 'nav.questions': '最新问题',
  'nav.mine': '我的问题', 'nav.lawyer': '律师工作台', 'nav.staff': '律所线索', 'nav.signout': '退出登录', 'nav.menu': '菜单',
  'foot.privacy': '您的姓名、电话和邮箱只给您预约并已接受预约的律师，或您接受其提议的律所；每次查看都会记录，您可以随时查看记录或删除问题。',
  'foot.demo': 'LawDesk · 示例数据均为虚构。',
  loading: '正在加载…', optional: '（选填）', areas: '执业领域', 'list.sep': '、',
  'action.more': '加载更多', 'action.refresh': '刷新', 'action.back': '返回', 'action.keep': '不，保留',
  'err.title': '出错了', 'notfound.title': '找不到这个页面',
  'err.fix_fields': '请修改下面标出的内容。',
  'err.network': '网络连接失败，请检查网络后重试。',
  'err.validation_failed': '请检查填写的内容。',
  'err.unauthenticated': '请先登录（或登录已过期）。',
  'err.forbidden': '您没有权限进行此操作。',
  'err.contact_locked': '预约确认后才能看到联系方式。',
  'err.not_found': '找不到请求的内容（可能已被删除）。',
  'err.conflict': '与现有记录冲突，请刷新后再试。',
  'err.slot_unavailable': '这个时间刚被预约了，请选择其他时间。',
  'err.invalid_state': '状态已经变化，请刷新后再试。',
  'err.payload_too_large': '内容太长了。',
  'err.rate_limited': '操作太频繁，请 {s} 秒后再试。',
  'err.unavailable': '服务繁忙，请稍后再试。',
  'err.internal': '服务器出错了，请稍后再试。',
  // Why a field is invalid, by the API's reason code (fieldCodes); a
  // field's own words first ("fe.<field>.<code>"), then the code's.
  'fe.required': '必填。', 'fe.too_short': '太短了。', 'fe.too_long': '太长了。', 'fe.too_few': '至少要选一项。', 'fe.too_many': '选得太多了。',
  'fe.phone_format': '请填写 11 位手机号（13–19 开头），或 + 开头的国际号码，如 +14155552671。',
  'fe.email_format': '请填写有效的邮箱，如 name@example.com。', 'fe.website_format': '请填写网址，如 www.example.com。',
  'fe.time_format': '时间的格式不对。', 'fe.format': '格式不对，请检查。', 'fe.must_accept': '请勾选这一项。',
  'fe.unknown_value': '没有这个选项。', 'fe.duplicate': '重复了。', 'fe.invalid_choice': '请从给出的选项中选择。',
  'fe.out_of_range': '超出了允许的范围。', 'fe.range_order': '结束必须晚于开始。', 'fe.in_the_past': '这个时间已经过去了，请选择更晚的时间。',
  'fe.invalid_characters': '含有不能使用的字符（控制字符或 #）。', 'fe.not_found': '找不到。', 'fe.not_practised': '这位律师不办理这个领域的案件。',
  'fe.no_signal': '无法从描述判断领域，请选择一个。', 'fe.unknown_field': '无法识别。', 'fe.wrong_type': '格式不对。',
  'fe.title.required': '请写一句话说明您的问题。', 'fe.title.too_short': '标题至少 5 个字。', 'fe.title.too_long': '标题最多 120 个字。',
  'fe.body.too_long': '详细情况最多 5000 字。', 'fe.name.required': '请填写称呼。', 'fe.name.too_long': '称呼最多 50 个字。',
  'fe.phone.required': '请填写手机号，律师接受预约后用它联系您。', 'fe.city.too_long': '城市最多 30 个字。',
  'fe.consent.must_accept': '请勾选同意，律师才能收到您的问题和联系方式。',
  'fe.reason.required': '请写明原因，咨询人会看到。', 'fe.start.in_the_past': '这个时间已经开始了，请选择更晚的时间。',
  'fe.date.out_of_range': '时间必须在将来，并在 180 天之内。', 'fe.minutes.out_of_range': '时长必须在 10 到 240 分钟之间。',
  'home.title': '有法律问题？直接约律师', 'home.lead': '写下您的问题，我们按执业领域为您匹配律师，选一个时间即可预约电话、视频或面谈咨询。',
  'home.cta': '提交问题', 'home.browse': '浏览律师', 'home.areas': '按领域浏览', 'home.latest': '最新问题', 'home.all_questions': '查看全部问题',
  'questions.title': '最新问题', 'questions.none': '还没有公开的问题。', 'questions.titles_only': '只显示标题，不含任何个人信息。',
  'questions.area_title': '{area}：最新问题', 'questions.area_lawyers': '{area}律师',
  'ask.page_title': '咨询律师', 'ask.lead': '用几句话说明情况即可，错别字也没关系。提交后您会看到匹配的律师和可预约的时间。',
  'ask.your_question': '您的问题', 'ask.your_contact': '您的联系方式',
  'ask.title': '问题标题', 'ask.title_hint': '例如：公司拖欠工资三个月了怎么办（5–120 字）',
  'ask.body': '详细情况', 'ask.body_hint': '时间、金额、对方是谁……不必写姓名和电话。',
  'ask.area': '法律领域', 'ask.area_auto': '根据描述自动判断', 'ask.suggested': '根据您的描述，建议：{area}。', 'ask.also': '也可能是：{areas}。',
  'ask.city': '所在城市', 'ask.city_hint': '用于优先匹配同城律师',
  'ask.name': '称呼', 'ask.phone': '手机号', 'ask.phone_hint': '11 位手机号，或 + 开头的国际号码。提交后，我们用短信把您的专属链接发到这个号码，凭它随时回来查看。', 'ask.email_hint': '填写后，专属链接也会发到这个邮箱。', 'ask.email': '邮箱',
  'ask.who_title': '谁能看到什么',
  'ask.who_contact': '您的姓名、电话和邮箱：只给您预约的律师（在其接受预约后）及其律所工作人员，或您接受其提议的律所。每次查看都有记录，您在问题页面可以看到。',
  'ask.who_firms': '这个领域的律所能看到问题的文字（个人信息已隐藏），以便提出跟进。',
  'ask.who_public': '勾选“公开”后，任何人都能看到标题和内容；您的姓名、电话号码、邮箱、身份证号和银行卡号会自动隐藏。',
  'ask.who_erase': '您可以随时在问题页面删除全部信息。',
  'ask.consent': '我同意按上面所说使用我的问题和联系方式。',
  'ask.public': '公开问题（个人信息自动隐藏）', 'ask.public_hint': '帮助有类似问题的人；可不勾选。',
  'ask.intent': '提交问题后，将为您预约{name}律师：{when}，{mode}。', 'ask.intent_in_person': '面谈在{city}。', 'ask.err_in_person_city': '面谈只在律师所在的城市（{city}）：请填写{city}，或回到律师主页改选电话或视频。',
  'ask.submit': '提交并查看律师', 'ask.sending': '正在提交…', 'ask.sent': '问题已提交。',
  'q.title': '我的问题', 'q.asked': '提交于 {when}',
  'q.sent': '问题已提交。请在下面选择律师和时间。', 'q.missed': '问题已提交，但没能预约选好的时间（可能刚被别人约走了）。请在下面选择律师和时间。',
  'q.need_link_title': '需要您的专属链接', 'q.need_link': '这个问题只能用提交时保存的专属链接打开，或在提交问题的浏览器中打开。',
  'q.gone': '这个问题已不存在（可能已被删除）。', 'q.forget_here': '从本浏览器移除',
  'q.link_summary': '保存您的专属链接', 'q.link_hint': '用这个链接可以在任何设备上回到本页。任何拿到链接的人都能看到您的问题，请勿分享。',
  'q.link_sent': '专属链接已发送：{to}。号码或邮箱写错了？请在这里复制保存。', 'q.sent_sms': '短信至 {to}', 'q.sent_email': '邮件至 {to}',
  'q.link_label': '专属链接', 'q.copy': '复制链接', 'q.copied': '已复制。', 'q.copy_manually': '请手动复制（已选中）。',
  'm.title': '为您匹配的律师', 'm.next_title': '其他可以预约的律师', 'm.lead': '按领域、城市和最早可约时间排序。选择一个时间和咨询方式即可预约。',
  'm.list_label': '匹配的律师', 'm.none': '暂时没有{area}律师有可约时间。', 'm.browse': '查看全部{area}律师（在律师主页可以直接预约）',
  'm.few_title': '只找到这几位律师', 'm.few': '近期有可约时间的{area}律师只有 {n} 位。', 'm.few_city': '近期有可约时间的{area}律师只有 {n} 位，其中在{city}的有 {inCity} 位。',
  'm.near_remote': '不在{city}的律师可以电话或视频咨询，已列在上面（标有“另一城市”）。', 'm.near_areas': '您的问题也可能属于其他领域，可以看看：',
  'm.no_in_person': '面谈只在律师所在的城市（{city}）；可以选电话或视频。',
  'm.loading_slots': '正在加载可约时间…', 'm.no_slots': '近两周没有可预约的时间。',
  'm.pick_time': '选择时间（{name}）', 'm.more_times': '更多时间', 'm.pick_mode': '咨询方式',
  'm.book': '预约{name}', 'm.booked': '已预约，等待律师确认。', 'm.choose_first': '请先选择一个时间。',
  'm.slot_taken': '这个时间刚被别人预约了，请选择其他时间。',
  'm.already_open': '这个问题已有一个未完成的预约（可能是在别的页面约的）。请先取消它，或打开您的专属链接查看。', 'match.reasons': '推荐理由',
  'mode.phone': '电话', 'mode.video': '视频', 'mode.in_person': '面谈',
  'b.title': '您的预约', 'b.mode': '方式：', 'b.minutes': '{n} 分钟', 'b.reason': '原因：',
  'b.pending': '等待{lawyer}律师确认，律师会在{by}前答复。', 'b.confirmed': '{lawyer}律师已确认，届时会按约定方式联系您。',
  'b.declined': '{lawyer}律师无法接受这次预约。您可以在下面选择其他律师。', 'b.expired': '{lawyer}律师没有及时答复，预约已失效。请选择其他律师。',
  'b.cancelled': '预约已取消。', 'b.cancelled_lawyer': '{lawyer}律师取消了预约。', 'b.completed': '与{lawyer}律师的咨询已完成。',
  'b.now': '预约状态：{status}', 'b.zone': '· {zone}', 'b.lawyer_local': '律师当地时间：{time}，{zone}',
  'b.lawyer_contact': '律师的直接联系方式', 'b.ics': '添加到日历（.ics）',
  'b.cancel': '取消预约', 'b.cancel_confirm': '确定要取消这次预约吗？开始前 2 小时内不能取消。', 'b.cancel_yes': '是，取消预约',
  'status.pending': '待确认', 'status.confirmed': '已确认', 'status.declined': '已拒绝', 'status.expired': '已失效', 'status.cancelled': '已取消', 'status.completed': '已完成',
  'qstatus.submitted': '已提交', 'qstatus.matched': '已匹配', 'qstatus.booked': '已预约', 'qstatus.confirmed': '已确认', 'qstatus.completed': '已完成',
  'qstatus.offered': '已提出跟进', 'qstatus.offer_declined': '提议被谢绝',
  'o.title': '想跟进您问题的律所', 'o.list_label': '律所的提议',
  'o.explain': '接受一家律所的提议后，这家律所可以看到您的姓名、电话和邮箱（每次查看都有记录），其他律所的提议会自动谢绝。',
  'o.when': '提出于 {when}', 'o.lawyer': '由这位律师跟进：',
  'o.status_offered': '等待您答复', 'o.status_accepted': '已接受', 'o.status_declined': '已谢绝',
  'o.accepted': '您已接受：{firm}现在可以看到您的联系方式，会与您联系。', 'o.declined': '已谢绝：这家律所看不到您的联系方式。',
  'o.accept': '接受', 'o.decline': '谢绝', 'o.accept_label': '接受{firm}的提议', 'o.decline_label': '谢绝{firm}的提议',
  'o.now_accepted': '已接受{firm}的提议。', 'o.now_declined': '已谢绝{firm}的提议。',
  'o.err_conflict': '您的问题已预约了另一家律所的律师。要接受这个提议，请先取消那次预约。',
  'o.err_invalid_state': '这个提议已经答复过了（可能是在别的页面）。请刷新页面查看。',
  'd.title': '我的数据', 'd.given': '我提供的信息',
  'd.log_title': '谁看过我的联系方式', 'd.log_hint': '律师或律所工作人员每次看到您的完整联系方式或问题原文，都会记录在这里；几分钟内的同一次查看算一条。',
  'd.log_empty': '还没有人看过您的完整联系方式。', 'd.log_unavailable': '暂时无法读取查看记录。',
  'd.when': '时间', 'd.who': '查看者', 'd.what': '看到了什么',
  'd.erase_title': '删除我的问题', 'd.erase_hint': '立即删除您的姓名、电话、邮箱和问题详情，并取消未完成的预约。无法恢复。',
  'd.erase': '删除问题和个人信息', 'd.erase_confirm': '确定删除吗？删除后无法恢复。', 'd.erase_yes': '是，永久删除',
  'd.erased_title': '已删除', 'd.erased': '您的问题和个人信息已删除。',
  'actor.lawyer': '律师', 'actor.staff': '工作人员', 'actor.admin': '平台管理员', 'actor.visitor': '咨询人（查看律师联系方式）',
  'who.named': '{name}（{role}，{firm}）', 'who.named_alone': '{name}（{role}）', 'who.unnamed': '{firm}的{role}',
  'view.contact': '打开联系方式时', 'view.booking': '查看这次预约时', 'view.lawyer_bookings': '在律师工作台的咨询列表中',
  'view.leads': '在律所线索台上', 'view.leads_export': '在导出的线索表（CSV）中', 'view.assign': '分配线索时', 'view.other': '查看时',
  'look.what': '{how}看到{fields}', 'look.count': '（{n} 次）',
  'contact.name': '称呼', 'contact.phone': '电话', 'contact.email': '邮箱', 'contact.question': '问题原文',
  'firm.contact': '律所联系方式', 'firm.phone': '电话：', 'firm.website': '网站：', 'firm.city': '律所所在城市：',
  'lawyer.next_slot': '最早可约：', 'lawyer.city': '律师所在城市：', 'lawyer.license': '执业证号：{no}', helped: '已帮助 {n} 人', helped_new: '新入驻',
  'time.zone_note': '时间按您的时区显示：{zone}',
  'dir.title': '律师名录', 'dir.filters': '筛选律师', 'dir.area': '领域', 'dir.any_area': '全部领域', 'dir.city': '城市',
  'dir.apply': '筛选', 'dir.count': '显示 {n} 位律师', 'dir.none': '没有符合条件的律师。', 'dir.back': '返回律师名录',
  'profile.missing': '找不到这位律师', 'profile.book': '预约{name}律师', 'profile.for_question': '为哪个问题预约', 'profile.new_question': '一个新问题',
  'profile.ask_first': '预约前，请先用几句话说明您的问题；提交后直接为您预约选好的时间。', 'profile.ask_and_book': '说明问题并预约',
  'mine.title': '我的问题', 'mine.hint': '这里列出在本浏览器提交的问题（只保存在本浏览器中）。',
  'mine.none': '本浏览器还没有提交过问题。', 'mine.have_link': '有专属链接？', 'mine.link_label': '粘贴专属链接',
  'mine.link_hint': '链接形如 …/#/q/…?t=…', 'mine.open': '打开', 'mine.link_bad': '这不是 LawDesk 的专属链接。',
  'signin.title_lawyer': '律师登录', 'signin.title_staff': '律所工作人员登录',
  'signin.cognito_lead': '使用律所为您开通的账号登录。', 'signin.cognito': '登录',
  'signin.local_lead': '本地演示服务器：选择身份后即可登录（令牌由 POST /local/token 签发，不会部署到线上）。',
  'signin.lawyer': '我是', 'signin.firm': '我的律所', 'signin.submit': '登录', 'signin.name': '您的姓名', 'signin.name_hint': '访客在查看记录中会看到。',
  'signin.as_lawyer': '以律师身份登录', 'signin.as_staff': '以律所工作人员身份登录', 'signin.failed': '登录没有完成，请重试。',
  'signin.again': '重新登录', 'signin.off': '本站尚未开通登录（部署时需设置 WebOrigin 参数）。',
  'lw.title': '{name}的工作台', 'lw.title_plain': '律师工作台', 'lw.sections': '工作台', 'lw.not_lawyer': '当前登录的不是律师账号。',
  'lw.tab_inbox': '待确认', 'lw.tab_upcoming': '即将进行', 'lw.tab_availability': '可约时间',
  'lw.inbox_title': '待确认的预约', 'lw.inbox_hint': '接受前，问题详情和联系方式中的个人信息都已隐藏；接受后显示原文和完整联系方式。',
  'lw.question_redacted': '问题详情（个人信息已隐藏）', 'lw.question': '问题详情', 'lw.question_title_only': '咨询人只写了标题。', 'lw.inbox_empty': '没有待确认的预约。',
  'lw.respond_by': '请在{when}前答复', 'lw.visitor_masked': '咨询人（已打码）', 'lw.visitor_contact': '咨询人联系方式',
  'lw.accept': '接受', 'lw.decline': '拒绝', 'lw.decline_reason': '拒绝原因（咨询人可见）', 'lw.decline_hint': '例如：这个时间有庭审，请改约其他律师。',
  'lw.decline_send': '确认拒绝', 'lw.accepted': '已接受：{when}。咨询人的联系方式在“即将进行”中。', 'lw.declined': '已拒绝，时间已重新开放。',
  'lw.to_upcoming': '查看即将进行的咨询',
  'lw.upcoming_title': '即将进行的咨询', 'lw.upcoming_hint': '每次显示联系方式和问题原文都会记入咨询人可见的查看记录。', 'lw.upcoming_empty': '没有已确认的咨询。',
  'lw.complete': '标记为已完成', 'lw.complete_later': '咨询开始后才能标记完成。', 'lw.completed': '已标记完成。',
  'lw.cancel_confirm': '确定取消这次已确认的咨询吗？咨询人会收到通知。',
  'av.title': '发布可约时间', 'av.hint': '时间按您的时区：{zone}。', 'av.profile_zone': '（您资料中的时区是 {zone}。）',
  'av.pattern_title': '每周固定时间', 'av.days': '星期', 'av.times': '开始时间', 'av.times_hint': '用逗号分隔，如 09:00, 14:30',
  'av.minutes': '时长', 'av.weeks': '发布多久', 'av.n_weeks': '未来 {n} 周', 'av.preview': '将发布 {n} 个时间，{from}至{to}。',
  'av.publish': '发布这些时间', 'av.published': '已发布 {n} 个时间；{already} 个已存在；{conflicts} 个与已有时间重叠未发布。',
  'av.one_title': '单个时间', 'av.date': '日期', 'av.time': '开始时间', 'av.publish_one': '发布这个时间', 'av.published_one': '已发布：{when}。',
  'av.open_title': '已发布的可约时间', 'av.none': '还没有可约时间。', 'av.count': '共 {n} 个可约时间（62 天内）：',
  'av.err_days': '请至少选择一天。', 'av.err_times': '请按 09:00 的格式填写时间，用逗号分隔。', 'av.err_overlap': '两个开始时间至少要相隔 {n} 分钟。',
  'av.err_date': '请选择日期。', 'av.err_time': '请填写时间。', 'av.err_conflict': '这个时间与已有时间重叠。',
  'wd.0': '周日', 'wd.1': '周一', 'wd.2': '周二', 'wd.3': '周三', 'wd.4': '周四', 'wd.5': '周五', 'wd.6': '周六',
  'st.title': '线索台', 'st.not_staff': '当前登录的不是律所工作人员账号。', 'st.hint': '时间按您的时区：{zone}。只有访客选择了本所（本所律师接受了预约，或访客接受了本所的提议），才显示完整联系方式，否则打码；每次显示都会记入审计记录。',
  'st.filters': '筛选线索', 'st.scope': '范围', 'st.scope_firm': '本所线索', 'st.scope_unassigned': '未接手的问题', 'st.status': '状态', 'st.area': '领域', 'st.from': '从', 'st.to': '到', 'st.lawyer': '律师', 'st.per_page': '每页',
  'st.any': '全部', 'st.apply': '筛选', 'st.csv': '下载 CSV', 'st.csv_done': 'CSV 已下载。',
  'st.leads': '线索', 'st.count': '第 {page} 页，{n} 条', 'st.page': '第 {page} 页', 'st.none': '没有符合条件的线索。', 'st.prev': '上一页', 'st.next': '下一页',
  'st.col_asked': '提交时间', 'st.col_question': '问题', 'st.col_area': '领域', 'st.col_status': '状态', 'st.col_lawyer': '律师',
  'st.col_visitor': '咨询人', 'st.col_actions': '操作',
  'st.assign': '分配', 'st.no_lawyer_for_area': '本所没有这个领域的律师', 'st.assign_to': '把“{title}”分配给', 'st.assigned': '已分配给{name}',
  'st.masked_booking': '已打码：律师接受预约后显示', 'st.masked_offer': '已打码：访客接受本所提议后显示', 'st.masked_never': '已打码：访客谢绝了本所的提议',
  'st.offer': '提出跟进', 'st.offer_by': '由谁跟进“{title}”', 'st.offered_waiting': '已提出，等待访客回复',
  'st.offer_offered': '{when} 提出，等待访客回复', 'st.offer_accepted': '访客已接受本所的提议（{when}）', 'st.offer_declined': '访客已谢绝本所的提议（{when}）',
  'st.offer_lawyer': '跟进律师：{name}', 'st.declined_no_offer': '访客谢绝了本所的提议，不能再次提出。',
  'st.body_more': '展开全文', 'st.body_less': '收起', 'st.pool_hint': '这些问题还没有律所跟进。您看到的标题和内容已隐藏个人信息，也看不到联系方式；提出跟进后，访客接受本所的提议才会显示。',
  'st.audit': '审计记录', 'st.audit_title': '谁看过这条线索的个人信息', 'st.audit_none': '还没有查看记录。',
  'st.funnel': '转化漏斗', 'st.funnel_hint': '展开查看：提交的问题中，有多少走到了每一步', 'st.funnel_area': '领域', 'st.all_areas': '全部领域', 'st.funnel_of': '{area}的转化漏斗', 'st.funnel_table': '以表格显示',
};

const en = {
  'brand.sub': 'Book a lawyer',
  skip: 'Skip to content',
  'lang.switch': '中文',
  'lang.switch_label': '切换到中文',
  'lang.zh': 'Chinese', 'lang.en': 'English',
  'nav.label': 'Main', 'nav.home': 'Home', 'nav.ask': 'Ask a lawyer', 'nav.lawyers': 'Lawyers', 'nav.questions': 'Latest questions',
  'nav.mine': 'My questions', 'nav.lawyer': 'For lawyers', 'nav.staff': 'Lead desk', 'nav.signout': 'Sign out', 'nav.menu': 'Menu',
  'foot.privacy': 'Your name, phone and e-mail reach only the lawyer you book, once they accept, or a firm whose offer you accept; every view is recorded, and you can read the record or erase your question at any time.',
  'foot.demo': 'LawDesk · all demo data is fictitious.',
  loading: 'Loading…', optional: '(optional)', areas: 'Practice areas', 'list.sep': ', ',
  'action.more': 'Load more', 'action.refresh': 'Refresh', 'action.back': 'Back', 'action.keep': 'No, keep it',
  'err.title': 'Something went wrong', 'notfound.title': 'Page not found',
  'err.fix_fields': 'Please correct the fields marked below.',
  'err.network': 'Could not reach LawDesk. Check your connection and try again.',
  'err.validation_failed': 'Please check what you entered.',
  'err.unauthenticated': 'Please sign in (or sign in again).',
  'err.forbidden': 'You may not do this.',
  'err.contact_locked': 'The contact is shown once the booking is confirmed.',
  'err.not_found': 'Not found (it may have been erased).',
  'err.conflict': 'This conflicts with what is there; refresh and try again.',
  'err.slot_unavailable': 'That time was just taken; please choose another.',
  'err.invalid_state': 'This has changed in the meantime; refresh and try again.',
  'err.payload_too_large': 'That is too long.',
  'err.rate_limited': 'Too many tries; please wait {s} seconds.',
  'err.unavailable': 'LawDesk is busy; please try again shortly.',
  'err.internal': 'Something went wrong on our side; please try again later.',
  'fe.required': 'Please fill this in.', 'fe.too_short': 'This is too short.', 'fe.too_long': 'This is too long.', 'fe.too_few': 'Choose at least one.', 'fe.too_many': 'Too many chosen.',
  'fe.phone_format': 'Enter an 11-digit Chinese mobile number (starting 13–19), or an international number starting with +, like +14155552671.',
  'fe.email_format': 'Enter an e-mail address like name@example.com.', 'fe.website_format': 'Enter a web address like www.example.com.',
  'fe.time_format': 'This is not a valid time.', 'fe.format': 'Please check this.', 'fe.must_accept': 'Please tick this box.',
  'fe.unknown_value': 'This is not one of the options.', 'fe.duplicate': 'This is given twice.', 'fe.invalid_choice': 'Choose one of the options.',
  'fe.out_of_range': 'This is out of the allowed range.', 'fe.range_order': 'The end must come after the start.', 'fe.in_the_past': 'This time has passed; choose a later one.',
  'fe.invalid_characters': 'This holds characters that cannot be used (control characters or #).', 'fe.not_found': 'Not found.', 'fe.not_practised': 'This lawyer does not practise the area of your question.',
  'fe.no_signal': 'We could not tell the area from your description; please choose one.', 'fe.unknown_field': 'Not recognised.', 'fe.wrong_type': 'This is in the wrong form.',
  'fe.title.required': 'Say in one sentence what your question is.', 'fe.title.too_short': 'Use at least 5 characters.', 'fe.title.too_long': 'Use at most 120 characters.',
  'fe.body.too_long': 'The details may be at most 5,000 characters.', 'fe.name.required': 'Tell us what to call you.', 'fe.name.too_long': 'Use at most 50 characters.',
  'fe.phone.required': 'Enter your mobile number: the lawyer calls it once they accept.', 'fe.city.too_long': 'Use at most 30 characters.',
  'fe.consent.must_accept': 'Please tick the box: without it no lawyer can receive your question and contact.',
  'fe.reason.required': 'Say why; the client sees it.', 'fe.start.in_the_past': 'This time has already begun; choose a later one.',
  'fe.date.out_of_range': 'Choose a time in the future, within 180 days.', 'fe.minutes.out_of_range': 'Choose a length of 10 to 240 minutes.',
  'home.title': 'A legal worry? Book a lawyer', 'home.lead': 'Describe your problem; we match you with lawyers of the right practice area, and you book a phone, video or in-person consultation in one step.',
  'home.cta': 'Ask a question', 'home.browse': 'Browse lawyers', 'home.areas': 'Browse by area', 'home.latest': 'Latest questions', 'home.all_questions': 'All questions',
  'questions.title': 'Latest questions', 'questions.none': 'No public questions yet.', 'questions.titles_only': 'Titles only — never anything personal.',
  'questions.area_title': '{area}: latest questions', 'questions.area_lawyers': '{area} lawyers',
  'ask.page_title': 'Ask a lawyer', 'ask.lead': 'A few sentences are enough. You will see matching lawyers and their open times right after.',
  'ask.your_question': 'Your question', 'ask.your_contact': 'Your contact',
  'ask.title': 'Question', 'ask.title_hint': 'e.g. My employer has not paid me for three months (5–120 characters)',
  'ask.body': 'Details', 'ask.body_hint': 'When, how much, who… No need to put your name or phone here.',
  'ask.area': 'Practice area', 'ask.area_auto': 'Decide from what I wrote', 'ask.suggested': 'From what you wrote, we suggest: {area}.', 'ask.also': 'Could also be: {areas}.',
  'ask.city': 'City', 'ask.city_hint': 'Lawyers in your city come first',
  'ask.name': 'Name', 'ask.phone': 'Mobile phone', 'ask.phone_hint': 'A Chinese mobile number (11 digits) or an international number starting with +. We text your private link to it, to come back with at any time.', 'ask.email_hint': 'If you give one, the private link goes there too.', 'ask.email': 'E-mail',
  'ask.who_title': 'Who sees what',
  'ask.who_contact': 'Your name, phone and e-mail go only to the lawyer you book, once they accept (and their firm\'s staff), or to a firm whose offer you accept. Every view is recorded where you can see it, on your question\'s page.',
  'ask.who_firms': 'Firms of the question\'s area see its text with personal details hidden, so they can offer help.',
  'ask.who_public': 'With "Public" ticked, anyone can read the title and text; your name, phone numbers, e-mail, ID and bank card numbers are hidden automatically.',
  'ask.who_erase': 'You can erase everything at any time, on your question\'s page.',
  'ask.consent': 'I agree to my question and contact being used as set out above.',
  'ask.public': 'Public (personal details hidden automatically)', 'ask.public_hint': 'Helps people with similar questions; optional.',
  'ask.intent': 'Once your question is in, we book {name}: {when}, {mode}.', 'ask.intent_in_person': 'The meeting is in {city}.', 'ask.err_in_person_city': 'In person only in the lawyer\'s city ({city}): write {city}, or go back to the profile and choose phone or video.',
  'ask.submit': 'Send and see lawyers', 'ask.sending': 'Sending…', 'ask.sent': 'Your question was sent.',
  'q.title': 'My question', 'q.asked': 'asked {when}',
  'q.sent': 'Your question was sent. Choose a lawyer and a time below.', 'q.missed': 'Your question was sent, but the chosen time could not be booked (someone may just have taken it). Choose a lawyer and a time below.',
  'q.need_link_title': 'Your private link is needed', 'q.need_link': 'This question opens with the private link saved when you asked, or in the browser you asked from.',
  'q.gone': 'This question no longer exists (it may have been erased).', 'q.forget_here': 'Remove from this browser',
  'q.link_summary': 'Save your private link', 'q.link_hint': 'This link brings you back to this page on any device. Anyone with it can see your question: keep it private.',
  'q.link_sent': 'Your private link was sent {to}. Number or address wrong? Copy it here.', 'q.sent_sms': 'by text message to {to}', 'q.sent_email': 'by e-mail to {to}',
  'q.link_label': 'Private link', 'q.copy': 'Copy link', 'q.copied': 'Copied.', 'q.copy_manually': 'Copy it by hand (it is selected).',
  'm.title': 'Lawyers for your question', 'm.next_title': 'Other lawyers you can book', 'm.lead': 'Ranked by practice area, city and the soonest open time. Pick a time and a way to talk.',
  'm.list_label': 'Matching lawyers', 'm.none': 'No {area} lawyer has an open time right now.', 'm.browse': 'See all {area} lawyers (you can book from a lawyer\'s profile)',
  'm.few_title': 'Only a few lawyers', 'm.few': 'Only {n} {area} lawyers have open times soon.', 'm.few_one': 'Only one {area} lawyer has open times soon.',
  'm.few_city': 'Only {n} {area} lawyers have open times soon; {inCity} of them in {city}.', 'm.few_city_one': 'Only one {area} lawyer has open times soon; {inCity} of them in {city}.',
  'm.near_remote': 'Lawyers outside {city} can advise by phone or video; they are listed above (marked "in another city").', 'm.near_areas': 'Your question may also belong to other areas; have a look:',
  'm.no_in_person': 'In person only in the lawyer\'s city ({city}); choose phone or video.',
  'm.loading_slots': 'Loading open times…', 'm.no_slots': 'No open times in the next two weeks.',
  'm.pick_time': 'Choose a time ({name})', 'm.more_times': 'More times', 'm.pick_mode': 'How to talk',
  'm.book': 'Book {name}', 'm.booked': 'Booked; waiting for the lawyer to confirm.', 'm.choose_first': 'Choose a time first.',
  'm.slot_taken': 'Someone just took that time; please choose another.',
  'm.already_open': 'This question already has an open booking (made elsewhere, perhaps). Cancel it first, or open your private link to see it.', 'match.reasons': 'Why this lawyer',
  'mode.phone': 'Phone', 'mode.video': 'Video', 'mode.in_person': 'In person',
  'b.title': 'Your booking', 'b.mode': 'How:', 'b.minutes': '{n} min', 'b.reason': 'Reason:',
  'b.pending': 'Waiting for {lawyer} to confirm; they answer by {by}.', 'b.confirmed': '{lawyer} confirmed and will contact you as agreed.',
  'b.declined': '{lawyer} cannot take this booking. Choose another lawyer below.', 'b.expired': '{lawyer} did not answer in time, so the booking lapsed. Choose another lawyer below.',
  'b.cancelled': 'The booking was cancelled.', 'b.cancelled_lawyer': '{lawyer} cancelled the booking.', 'b.completed': 'Your consultation with {lawyer} is completed.',
  'b.now': 'Booking status: {status}', 'b.zone': '· {zone}', 'b.lawyer_local': "Lawyer's local time: {time}, {zone}",
  'b.lawyer_contact': "The lawyer's direct contact", 'b.ics': 'Add to calendar (.ics)',
  'b.cancel': 'Cancel booking', 'b.cancel_confirm': 'Cancel this booking? Within 2 hours of the start it can no longer be cancelled.', 'b.cancel_yes': 'Yes, cancel it',
  'status.pending': 'Pending', 'status.confirmed': 'Confirmed', 'status.declined': 'Declined', 'status.expired': 'Expired', 'status.cancelled': 'Cancelled', 'status.completed': 'Completed',
  'qstatus.submitted': 'Submitted', 'qstatus.matched': 'Matched', 'qstatus.booked': 'Booked', 'qstatus.confirmed': 'Confirmed', 'qstatus.completed': 'Completed',
  'qstatus.offered': 'Offered', 'qstatus.offer_declined': 'Offer declined',
  'o.title': 'Firms offering to follow up', 'o.list_label': "The firms' offers",
  'o.explain': "If you accept a firm's offer, that firm can see your name, phone and e-mail (every view is recorded), and the other firms' offers are declined.",
  'o.when': 'offered {when}', 'o.lawyer': 'The lawyer who would follow up:',
  'o.status_offered': 'Waiting for you', 'o.status_accepted': 'Accepted', 'o.status_declined': 'Declined',
  'o.accepted': 'You accepted: {firm} can now see your contact details and will get in touch.', 'o.declined': 'Declined: this firm does not see your contact details.',
  'o.accept': 'Accept', 'o.decline': 'Decline', 'o.accept_label': 'Accept the offer of {firm}', 'o.decline_label': 'Decline the offer of {firm}',
  'o.now_accepted': 'You accepted the offer of {firm}.', 'o.now_declined': 'You declined the offer of {firm}.',
  'o.err_conflict': 'Your question is booked with a lawyer of another firm. To accept this offer, cancel that booking first.',
  'o.err_invalid_state': 'This offer was already answered (elsewhere, perhaps). Reload the page to see it.',
  'd.title': 'My data', 'd.given': 'What I gave',
  'd.log_title': 'Who has seen my contact', 'd.log_hint': 'Every time a lawyer or firm staff see your full contact or your question as written, it is recorded here; one look of a few minutes is one line.',
  'd.log_empty': 'Nobody has seen your full contact yet.', 'd.log_unavailable': 'The access record cannot be read right now.',
  'd.when': 'When', 'd.who': 'Who', 'd.what': 'What they saw',
  'd.erase_title': 'Erase my question', 'd.erase_hint': 'Deletes your name, phone, e-mail and the details at once, and cancels open bookings. This cannot be undone.',
  'd.erase': 'Erase question and my data', 'd.erase_confirm': 'Erase for good? This cannot be undone.', 'd.erase_yes': 'Yes, erase for good',
  'd.erased_title': 'Erased', 'd.erased': 'Your question and personal data have been erased.',
  'actor.lawyer': 'Lawyer', 'actor.staff': 'Staff', 'actor.admin': 'Platform operator', 'actor.visitor': "The asker (the lawyer's contact)",
  'who.named': '{name} ({role}, {firm})', 'who.named_alone': '{name} ({role})', 'who.unnamed': '{role} at {firm}',
  'view.contact': 'Opening the contact', 'view.booking': 'Looking at the booking', 'view.lawyer_bookings': "In the lawyer's list of consultations",
  'view.leads': "On the firm's lead desk", 'view.leads_export': 'In the exported leads (CSV)', 'view.assign': 'While assigning the lead', 'view.other': 'Looking',
  'look.what': '{how}: {fields}', 'look.count': ' ({n} times)',
  'contact.name': 'Name', 'contact.phone': 'Phone', 'contact.email': 'E-mail', 'contact.question': 'The question as written',
  'firm.contact': "The firm's contact", 'firm.phone': 'Phone:', 'firm.website': 'Web:', 'firm.city': "Firm's city:",
  'lawyer.next_slot': 'Earliest opening:', 'lawyer.city': "Lawyer's city:", 'lawyer.license': 'Licence no. {no}', helped_one: 'Helped {n} person', helped: 'Helped {n} people', helped_new: 'New on LawDesk',
  'time.zone_note': 'Times in your time zone: {zone}',
  'dir.title': 'Lawyers', 'dir.filters': 'Filter lawyers', 'dir.area': 'Area', 'dir.any_area': 'All areas', 'dir.city': 'City',
  'dir.apply': 'Filter', 'dir.count': '{n} lawyers shown', 'dir.count_one': '{n} lawyer shown', 'dir.none': 'No lawyer matches.', 'dir.back': 'Back to the lawyers',
  'profile.missing': 'Lawyer not found', 'profile.book': 'Book {name}', 'profile.for_question': 'For which question', 'profile.new_question': 'A new question',
  'profile.ask_first': 'Before booking, say in a few sentences what your question is; the chosen time is booked as soon as you send it.', 'profile.ask_and_book': 'Describe your question and book',
  'mine.title': 'My questions', 'mine.hint': 'The questions asked from this browser (kept only in this browser).',
  'mine.none': 'No question was asked from this browser yet.', 'mine.have_link': 'Have a private link?', 'mine.link_label': 'Paste your private link',
  'mine.link_hint': 'It looks like …/#/q/…?t=…', 'mine.open': 'Open', 'mine.link_bad': 'This is not a LawDesk private link.',
  'signin.title_lawyer': 'Lawyer sign-in', 'signin.title_staff': 'Firm staff sign-in',
  'signin.cognito_lead': 'Sign in with the account your firm set up for you.', 'signin.cognito': 'Sign in',
  'signin.local_lead': 'Local demo server: choose who you are to sign in (the token comes from POST /local/token, which is never deployed).',
  'signin.lawyer': 'I am', 'signin.firm': 'My firm', 'signin.submit': 'Sign in', 'signin.name': 'Your name', 'signin.name_hint': 'Visitors read it in their access record.',
  'signin.as_lawyer': 'Sign in as a lawyer', 'signin.as_staff': 'Sign in as firm staff', 'signin.failed': 'Sign-in did not complete; please try again.',
  'signin.again': 'Sign in again', 'signin.off': 'Sign-in is not set up on this site yet (the stack needs its WebOrigin parameter).',
  'lw.title': "{name}'s desk", 'lw.title_plain': "Lawyer's desk", 'lw.sections': 'Desk', 'lw.not_lawyer': 'You are not signed in as a lawyer.',
  'lw.tab_inbox': 'Pending', 'lw.tab_upcoming': 'Upcoming', 'lw.tab_availability': 'Availability',
  'lw.inbox_title': 'Bookings waiting for you', 'lw.inbox_hint': 'Until you accept, personal details are hidden in the question and the contact is masked; once you accept, you see both as written.',
  'lw.question_redacted': 'The question (personal details hidden)', 'lw.question': 'The question', 'lw.question_title_only': 'The client wrote a title only.', 'lw.inbox_empty': 'No booking is waiting.',
  'lw.respond_by': 'Answer by {when}', 'lw.visitor_masked': 'Client (masked)', 'lw.visitor_contact': "Client's contact",
  'lw.accept': 'Accept', 'lw.decline': 'Decline', 'lw.decline_reason': 'Reason (the client sees it)', 'lw.decline_hint': 'e.g. I am in court at that time; please book another lawyer.',
  'lw.decline_send': 'Decline booking', 'lw.accepted': 'Accepted: {when}. The client\'s contact is under Upcoming.', 'lw.declined': 'Declined; the time is open again.',
  'lw.to_upcoming': 'See upcoming consultations',
  'lw.upcoming_title': 'Upcoming consultations', 'lw.upcoming_hint': "Each time a contact and the question as written are shown, it is written to the client's access record.", 'lw.upcoming_empty': 'No confirmed consultation.',
  'lw.complete': 'Mark completed', 'lw.complete_later': 'Can be marked completed once it has started.', 'lw.completed': 'Marked completed.',
  'lw.cancel_confirm': 'Cancel this confirmed consultation? The client is told.',
  'av.title': 'Publish open times', 'av.hint': 'Times in your time zone: {zone}.', 'av.profile_zone': '(Your profile says {zone}.)',
  'av.pattern_title': 'Weekly pattern', 'av.days': 'Days', 'av.times': 'Start times', 'av.times_hint': 'Separated by commas, e.g. 09:00, 14:30',
  'av.minutes': 'Length', 'av.weeks': 'For', 'av.n_weeks': 'the next {n} weeks', 'av.n_weeks_one': 'the next week', 'av.preview': 'Publishes {n} times, {from} to {to}.', 'av.preview_one': 'Publishes one time, on {from}.',
  'av.publish': 'Publish these times', 'av.published': 'Published {n}; {already} were already there; {conflicts} overlapped other times and were left out.',
  'av.one_title': 'One time', 'av.date': 'Date', 'av.time': 'Start', 'av.publish_one': 'Publish this time', 'av.published_one': 'Published: {when}.',
  'av.open_title': 'Your open times', 'av.none': 'No open time yet.', 'av.count': '{n} open times in the next 62 days:', 'av.count_one': 'One open time in the next 62 days:',
  'av.err_days': 'Choose at least one day.', 'av.err_times': 'Write times like 09:00, separated by commas.', 'av.err_overlap': 'Leave at least {n} minutes between start times.',
  'av.err_date': 'Choose a date.', 'av.err_time': 'Enter a time.', 'av.err_conflict': 'That time overlaps one you already have.',
  'wd.0': 'Sun', 'wd.1': 'Mon', 'wd.2': 'Tue', 'wd.3': 'Wed', 'wd.4': 'Thu', 'wd.5': 'Fri', 'wd.6': 'Sat',
  'st.title': 'Lead desk', 'st.not_staff': 'You are not signed in as firm staff.', 'st.hint': 'Times in your time zone: {zone}. A full contact is shown only where the visitor chose the firm (its lawyer accepted the booking, or the visitor accepted its offer), masked otherwise; every view goes into the audit trail.',
  'st.filters': 'Filter leads', 'st.scope': 'Show', 'st.scope_firm': "The firm's leads", 'st.scope_unassigned': 'Unassigned pool', 'st.status': 'Status', 'st.area': 'Area', 'st.from': 'From', 'st.to': 'To', 'st.lawyer': 'Lawyer', 'st.per_page': 'Per page',
  'st.any': 'All', 'st.apply': 'Filter', 'st.csv': 'Download CSV', 'st.csv_done': 'CSV downloaded.',
  'st.leads': 'Leads', 'st.count': 'Page {page}: {n} leads', 'st.count_one': 'Page {page}: {n} lead', 'st.page': 'Page {page}', 'st.none': 'No lead matches.', 'st.prev': 'Previous', 'st.next': 'Next',
  'st.col_asked': 'Asked', 'st.col_question': 'Question', 'st.col_area': 'Area', 'st.col_status': 'Status', 'st.col_lawyer': 'Lawyer',
  'st.col_visitor': 'Client', 'st.col_actions': 'Actions',
  'st.assign': 'Assign', 'st.no_lawyer_for_area': 'No lawyer of the firm practises this area', 'st.assign_to': 'Assign "{title}" to', 'st.assigned': 'Assigned to {name}',
  'st.masked_booking': 'masked until the lawyer accepts the booking', 'st.masked_offer': 'masked until the visitor accepts the offer', 'st.masked_never': 'masked: the visitor declined the offer',
  'st.offer': 'Offer to follow up', 'st.offer_by': 'Lawyer to follow up "{title}"', 'st.offered_waiting': 'Offered, waiting for the visitor',
  'st.offer_offered': 'Offered {when}, waiting for the visitor', 'st.offer_accepted': 'The visitor accepted the offer ({when})', 'st.offer_declined': 'The visitor declined the offer ({when})',
  'st.offer_lawyer': 'Lawyer: {name}', 'st.declined_no_offer': 'The visitor declined your offer; it cannot be made again.',
  'st.body_more': 'Show all', 'st.body_less': 'Show less', 'st.pool_hint': 'No firm follows these questions up yet. Their title and text come with personal details hidden, and no contact; offer to follow one up, and the contact shows once the visitor accepts.',
  'st.audit': 'Audit trail', 'st.audit_title': "Who saw this lead's personal data", 'st.audit_none': 'No access recorded yet.',
  'st.funnel': 'Funnel', 'st.funnel_hint': 'open to see how many of the questions asked reached each step', 'st.funnel_area': 'Area', 'st.all_areas': 'All areas', 'st.funnel_of': 'Funnel of {area}', 'st.funnel_table': 'Show as a table',
};

const messages = { zh, en };

// addMessages adds a module's own words ({zh: {…}, en: {…}}): a feature's
// module keeps its texts beside its code (lifecycle.js).
export function addMessages(more) {
  for (const l of Object.keys(messages)) Object.assign(messages[l], more[l] || {});
}

let current = null;
let areaNames = {};

function detect() {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch (e) { /* no storage */ }
  for (const l of navigator.languages || [navigator.language || '']) {
    const tag = String(l).toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

// lang() → "zh" or "en".
export function lang() {
  if (!current) current = detect();
  return current;
}

export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(KEY, current);
  } catch (e) { /* the choice lasts this page */ }
}

// t(key, vars) → the text in the current language, with {var} filled in.
export function t(key, vars) {
  const m = messages[lang()];
  // English counts: "1 lawyer", "2 lawyers" (key_one beside key).
  if (vars && typeof vars.n === 'number' && m[key + '_one'] && new Intl.PluralRules(lang()).select(vars.n) === 'one') key += '_one';
  let s = m[key] ?? messages.en[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ''));
  return s;
}

// label(key, vars) is a label that a value follows on the same line: a
// Chinese one ends in a full-width colon, which needs no space after it
// ("方式：电话"); an English one gets its space ("How: Phone").
export function label(key, vars) {
  const s = t(key, vars);
  return s.endsWith('：') ? s : s + ' ';
}

// helped(n) → "已帮助 n 人" / "Helped n people" from one person on; a
// lawyer nobody has consulted yet is "新入驻" / "New on LawDesk", not a zero.
export function helped(n) {
  return n >= 1 ? t('helped', { n }) : t('helped_new');
}

// setAreas keeps the practice areas' names ([{code, zh, en}], from GET
// /practice-areas: app.js reads them through api.js, which imports this
// module — so this one imports nothing).
export function setAreas(list) {
  for (const a of list || []) areaNames[a.code] = a;
}

// areaName(code) → "劳动纠纷" / "Labour & employment".
export function areaName(code) {
  const a = areaNames[code];
  if (!a) return code || '';
  return lang() === 'zh' ? a.zh : a.en;
}

// errorMessage(err) → a sentence for an ApiError (or any Error), in the
// page's language: field errors by their reason codes, other errors by
// their code; the API's own words only for a code the pages do not know.
export function errorMessage(err) {
  if (!err) return '';
  const fields = Object.entries(err.fields || {});
  if (fields.length) return fields.map(([f, why]) => fieldMessage(f, (err.fieldCodes || {})[f], why)).join(' ');
  if (err.code === 'rate_limited') return t('err.rate_limited', { s: err.retryAfter || 60 });
  if (messages.zh['err.' + err.code]) return t('err.' + err.code);
  return err.message || t('err.title');
}

// fieldMessage(field, code, why) → why a field is invalid, in the page's
// language: the API's stable reason code (fieldCodes) translated — for
// this field if there are words for it ("fe.phone.required"), else for
// the code — never the API's English words. Without a code, why is the
// page's own message, already in the language.
export function fieldMessage(field, code, why) {
  if (!code) return why || t('fe.format');
  const m = messages[lang()];
  const base = String(field).split(/[.[]/)[0];
  return m[`fe.${base}.${code}`] ?? m[`fe.${code}`] ?? m['fe.format'];
}

// Public questions and answers (问答): the answers on the visitor's page,
// the lawyer's Q&A tab, the answers on profiles and the links to the public
// pages. Kept in one block of their own, merged into both languages.
Object.assign(zh, {
  'lw.tab_qa': '问答',
  'qa.count': '{n} 个回答', 'qa.unanswered': '暂无回答', 'qa.list_hint': '点标题打开问题的公开页面：问题和律师的回答，个人信息已隐藏。',
  'qa.rating': '评分 {avg}（{n} 条评价）', 'qa.answer_count': '已回答 {n} 个问题', 'qa.practising': '执业律师',
  'qa.answers_title': '律师的回答', 'qa.answers_title_n': '律师的回答（{n}）',
  'qa.as_written': '这里显示的是原文。公开页面上，您的姓名、电话、邮箱等个人信息已隐藏。', 'qa.public_page': '查看公开页面',
  'qa.answers_none': '还没有律师回答。您的问题会出现在相关领域律师的问答列表中；有新回答时，我们会发短信通知您。',
  'qa.answered_at': '回答于 {when}', 'qa.helpful': '提问者已采纳',
  'qa.mark_helpful': '采纳这个回答', 'qa.mark_helpful_label': '采纳{name}律师的回答', 'qa.marked': '已采纳{name}律师的回答。',
  'qa.replies': '追问', 'qa.no_followups': '还没有追问。', 'qa.by_asker': '提问者追问', 'qa.by_lawyer': '{name}律师回复',
  'qa.followup_label': '向{name}律师追问', 'qa.followup_hint': '只有您和这位律师能在这里追问和回复。公开页面上会隐藏您的个人信息。', 'qa.followup_send': '发送追问',
  'qa.reply_label': '回复提问者', 'qa.reply_hint': '回复会公开显示，不能写电话、邮箱或证件号。', 'qa.reply_send': '发送回复',
  'qa.sent': '已发送。', 'qa.chars': '{n}/{max} 字',
  'qa.contact_warning': '这段文字里有电话号码、邮箱、证件号或微信/QQ号，发布时会被拒绝。请删掉它：您律所的公开联系方式会显示在回答旁边。',
  'qa.remove': '删除回答', 'qa.remove_staff': '移除这个回答', 'qa.remove_confirm': '确定删除这个回答和下面的追问吗？删除后无法恢复。', 'qa.remove_yes': '是，删除',
  'qa.removed': '回答已删除。',
  'qa.err_answered': '您已经回答过这个问题了，可以在“我的回答”里回复追问。', 'qa.err_thread_full': '这个回答下的追问已达上限（40 条）。要继续沟通，请预约这位律师。',
  'qa.inbox_title': '待回答的公开问题', 'qa.inbox_hint': '您执业领域内还没有回答的公开问题，最新的在前。问题中的个人信息已隐藏；您的回答以执业律师的身份公开发布。',
  'qa.filter': '筛选问题', 'qa.my_areas': '我的全部领域', 'qa.inbox_count': '显示 {n} 个问题', 'qa.inbox_empty': '暂时没有待回答的问题。',
  'qa.answer': '回答', 'qa.answer_this': '回答“{title}”', 'qa.answer_label': '您的回答',
  'qa.answer_hint': '20–5000 字，公开发布。不要写电话、邮箱或证件号：您律所的公开联系方式会显示在回答旁边。',
  'qa.publish': '发布回答', 'qa.published': '回答已发布。',
  'qa.mine_title': '我的回答', 'qa.mine_hint': '提问者的追问显示在您的回答下面（个人信息已隐藏），您可以回复。', 'qa.mine_empty': '您还没有回答过问题。',
  'qa.awaiting': '有新的追问',
  'qa.profile_title': '{name}律师的回答', 'qa.profile_none': '还没有公开的回答。',
  'fe.contact_data': '不能包含电话号码、邮箱或证件号。',
  'fe.answer.required': '请写下您的回答。', 'fe.answer.too_short': '回答至少 20 个字。', 'fe.answer.too_long': '回答最多 5000 字。',
  'fe.answer.contact_data': '回答里不能有电话号码、邮箱或证件号：律所的公开联系方式已显示在回答旁边。',
  'fe.reply.required': '请写下内容。', 'fe.reply.too_short': '至少写 2 个字。', 'fe.reply.too_long': '最多 2000 字。',
  'fe.reply.contact_data': '回复里不能有电话号码、邮箱或证件号：律所的公开联系方式已显示在回答旁边。',
});
Object.assign(en, {
  'lw.tab_qa': 'Q&A',
  'qa.count': '{n} answers', 'qa.count_one': '{n} answer', 'qa.unanswered': 'No answer yet',
  'qa.list_hint': "Each title opens the question's public page: the question and the lawyers' answers, with personal details hidden.",
  'qa.rating': 'Rated {avg} ({n} reviews)', 'qa.rating_one': 'Rated {avg} ({n} review)',
  'qa.answer_count': 'Answered {n} questions', 'qa.answer_count_one': 'Answered {n} question', 'qa.practising': 'Practising lawyer',
  'qa.answers_title': "Lawyers' answers", 'qa.answers_title_n': "Lawyers' answers ({n})",
  'qa.as_written': 'You read everything here as written. On the public page your name, phone, e-mail and other personal details are hidden.', 'qa.public_page': 'See the public page',
  'qa.answers_none': "No lawyer has answered yet. Your question is in the Q&A lists of the area's lawyers; we text you when an answer comes.",
  'qa.answered_at': 'Answered {when}', 'qa.helpful': 'Marked helpful by the asker',
  'qa.mark_helpful': 'Mark as helpful', 'qa.mark_helpful_label': "Mark {name}'s answer as helpful", 'qa.marked': "You marked {name}'s answer as helpful.",
  'qa.replies': 'Follow-ups', 'qa.no_followups': 'No follow-up yet.', 'qa.by_asker': 'The asker', 'qa.by_lawyer': '{name} replied',
  'qa.followup_label': 'Follow up with {name}', 'qa.followup_hint': 'Only you and this lawyer can write here. The public page hides your personal details.', 'qa.followup_send': 'Send follow-up',
  'qa.reply_label': 'Reply to the asker', 'qa.reply_hint': 'Replies are public: no phone number, e-mail or ID number.', 'qa.reply_send': 'Send reply',
  'qa.sent': 'Sent.', 'qa.chars': '{n}/{max} characters',
  'qa.contact_warning': "This text holds a phone number, an e-mail address, an ID number or a WeChat/QQ ID, which will be refused. Take it out: your firm's public contact is shown beside your answer.",
  'qa.remove': 'Delete answer', 'qa.remove_staff': 'Remove this answer', 'qa.remove_confirm': 'Delete this answer with its follow-ups? This cannot be undone.', 'qa.remove_yes': 'Yes, delete',
  'qa.removed': 'The answer was deleted.',
  'qa.err_answered': 'You have answered this question already; reply to follow-ups under My answers.', 'qa.err_thread_full': 'This answer holds the most follow-ups it may (40). To go on, book this lawyer.',
  'qa.inbox_title': 'Public questions to answer', 'qa.inbox_hint': 'Public questions of your areas you have not answered yet, newest first. Personal details in them are hidden; your answer is published under your name as a practising lawyer.',
  'qa.filter': 'Filter questions', 'qa.my_areas': 'All my areas', 'qa.inbox_count': '{n} questions shown', 'qa.inbox_count_one': '{n} question shown', 'qa.inbox_empty': 'No question is waiting for your answer.',
  'qa.answer': 'Answer', 'qa.answer_this': 'Answer "{title}"', 'qa.answer_label': 'Your answer',
  'qa.answer_hint': "20–5,000 characters, published. No phone number, e-mail or ID number: your firm's public contact is shown beside your answer.",
  'qa.publish': 'Publish answer', 'qa.published': 'Your answer is published.',
  'qa.mine_title': 'My answers', 'qa.mine_hint': "The asker's follow-ups show under your answers (personal details hidden); you can reply.", 'qa.mine_empty': 'You have not answered any question yet.',
  'qa.awaiting': 'New follow-up',
  'qa.profile_title': "{name}'s answers", 'qa.profile_none': 'No public answer yet.',
  'fe.contact_data': 'Take out the phone number, e-mail address or ID number.',
  'fe.answer.required': 'Write your answer.', 'fe.answer.too_short': 'An answer needs at least 20 characters.', 'fe.answer.too_long': 'An answer has at most 5,000 characters.',
  'fe.answer.contact_data': "An answer may hold no phone number, e-mail or ID number: your firm's public contact is shown beside it.",
  'fe.reply.required': 'Write something first.', 'fe.reply.too_short': 'At least 2 characters.', 'fe.reply.too_long': 'At most 2,000 characters.',
  'fe.reply.contact_data': "A reply may hold no phone number, e-mail or ID number: your firm's public contact is shown beside the answer.",
});
