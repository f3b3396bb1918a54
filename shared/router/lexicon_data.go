package router

// lexiconData is the curated lexicon: one line per (area, weight) with the
// terms that carry that weight for that area, comma-separated:
//
//	area weight: term, term, …
//
// A term is either Chinese (Han characters only, matched as a substring of
// the normalised text, simplified characters) or English (Latin words,
// matched on whole words after stemming, so "divorce" also matches divorced
// and divorcing). A term may appear on several lines (several areas); weights
// add up. A weight is evidence in nats: 4 ≈ decisive (离婚, 工伤, 交强险),
// 3 strong, 2 a clear hint, 1 a weak hint. Where two matched terms overlap and
// one contains the other (医疗事故 ⊃ 事故, 劳动合同 ⊃ 合同), only the longer one
// counts. Each distinct term counts once per text.
//
// The lists were written from the practice-area definitions of the API
// contract and everyday legal vocabulary, with colloquial variants, common
// homophone slips (离昏, 财礼, 工次) and English counterparts.
//
// Rules, at the end, settle questions that mix two topics:
//
//	rule area weight: term, term, … & term, term, …
//
// adds weight to area once when a term of each side is in the text (a
// side's term may sit inside a longer matched term: 离婚协议 holds 离婚). A
// rule's term that is no lexicon term is a cue: it serves the rules only,
// gives no signal alone and hides no term inside it.
const lexiconData = `
# ───────────── family 婚姻家庭 ─────────────
family 4: 离婚, 离昏, 离异, 离婚协议, 协议离婚, 起诉离婚, 诉讼离婚, 离婚冷静期, 离了婚, 闹离婚, 彩礼, 财礼, 采礼, 彩理, 聘礼, 嫁妆, 陪嫁, 扶养
family 4: 抚养权, 抚养费, 扶养费, 扶养权, 抚养关系, 探视权, 探望权, 探视, 探望孩子, 赡养, 赡养费, 养老送终
family 4: 遗嘱, 遗产, 继承, 继承权, 遗赠, 遗产分割, 法定继承, 遗嘱继承, 代位继承, 转继承, 遗产税, 遗书
family 4: 婚前财产, 夫妻共同财产, 夫妻共同债务, 婚后财产, 婚内, 婚前协议, 忠诚协议, 出轨, 小三, 婚外情, 家暴, 家庭暴力, 重婚, 事实婚姻, 婚姻, 结婚证, 离婚证, 复婚, 悔婚, 退婚, 订婚, 婚约, 结婚
family 4: 收养, 领养, 养子, 养女, 继子, 继女, 继父, 继母, 后妈, 后爸, 私生子, 非婚生, 亲子鉴定, 孩子归谁, 孩子跟谁, 归谁抚养, 变更抚养, 改姓, 分家
family 3: 夫妻, 配偶, 老公, 老婆, 丈夫, 妻子, 前夫, 前妻, 媳妇, 婆家, 娘家, 婆婆, 公婆, 岳父, 岳母, 丈母娘, 儿媳, 女婿, 同居, 分居, 未婚先孕, 监护权, 姻亲
family 2: 父母, 爸妈, 子女, 儿女, 孩子, 小孩, 儿子, 女儿, 爷爷, 奶奶, 外公, 外婆, 姥姥, 姥爷, 叔叔, 亲戚, 兄弟姐妹, 去世, 过世, 离世, 亲生, 男朋友, 女朋友, 男友, 女友, 分手, 监护人, 未成年人, 未成年
family 1: 房子加名, 加名, 户口, 赠与, 赠予
family 4: 财产分割, 分割财产, 共同财产, 共同债务
family 4: divorce, custody, child support, alimony, spousal support, bride price, dowry, betrothal, inheritance, inherit, heir, heirs, estate, testament, prenup, prenuptial, visitation, domestic violence, annulment, paternity, adoption, adopt, adopted
family 3: marriage, married, marry, wedding, engagement, husband, wife, spouse, ex wife, ex husband, my ex, cheated, cheating, affair, stepmother, stepfather, stepson, stepdaughter, stepmom, stepdad, fiance, fiancee, separation, separated, in laws, mother in law, father in law, will and testament, without a will, left a will, no will
family 2: kids, kid, child, children, daughter, son, grandchild, grandparents, grandmother, grandfather, parents, passed away, died, boyfriend, girlfriend, break up, broke up, minor

# ───────────── labor 劳动纠纷 ─────────────
labor 4: 工资, 欠薪, 讨薪, 拖欠工资, 克扣工资, 扣工资, 发工资, 结工资, 工钱, 薪水, 薪资, 薪酬, 底薪, 加班费, 加班, 调休, 年终奖, 绩效, 提成, 奖金, 无固定期限, 固定期限
labor 4: 辞退, 开除, 解雇, 炒鱿鱼, 被裁, 裁员, 劝退, 辞职, 离职, 被迫离职, 主动离职, 辞工, 解除劳动合同, 经济补偿, 经济补偿金, 赔偿金, 双倍工资, 代通知金
labor 4: 工伤, 工伤认定, 工伤鉴定, 劳动能力鉴定, 职业病, 工亡, 因工, 上班时, 上班期间, 下班路上, 上班路上, 上下班, 工作中受伤, 干活时
labor 4: 公积金, 失业保险, 失业金, 养老金, 退休金, 退休, 医疗期, 工伤保险, 生育保险, 生育津贴
labor 5: 社保, 社会保险, 五险一金, 五险, 养老保险
labor 4: 补缴, 断缴, 社保局
labor 4: 劳动合同, 劳动仲裁, 劳动争议, 劳动关系, 劳务派遣, 劳动法, 劳动局, 劳动监察, 仲裁委, 人社局, 用人单位, 劳动者, 试用期, 转正, 竞业限制, 竞业协议, 年假, 带薪, 产假, 婚假, 病假, 陪产假, 三期, 调岗, 降薪, 降工资, 停薪留职, 旷工, 农民工, 包工头, 工头, 入职, 员工, 职工, 雇主, 雇员
labor 3: 老板, 上班, 下班, 打工, 兼职, 实习, 实习生, 工地, 工厂, 厂里, 劳务, 劳务费, 打卡, 迟到, 早退, 规章制度, 岗位, 工龄, 裁掉, 人事, 骑手, 工人, 保姆, 家政, 外卖员, 车间
labor 4: salary, salaries, wage, wages, paycheck, pay stub, payroll, overtime, fired, firing, laid off, layoff, layoffs, dismissal, unfair dismissal, wrongful termination, severance, employer, employee, employment, labor contract, labour contract, employment contract, work injury, injured at work, injury at work, hurt at work, workplace injury, workers compensation, workman compensation, social insurance, pension, pensions, retirement, resign, resigned, resignation, quit my job, non compete, noncompete, maternity leave, paternity leave, annual leave, sick leave, unpaid wages, labor arbitration, labour arbitration, probation period, hr department
labor 3: boss, at work, workplace, coworker, colleague, job, my job, manager, worker, workers, staff, hired, hire, work permit, construction site, factory, contractor didn't pay, bonus, commission
labor 2: dismissed, terminated, work, working, company, hours, shift
labor 2: 工作, 单位, 领导
labor 1.5: 同事
labor 3: 性骚扰

# ───────────── criminal 刑事辩护 ─────────────
criminal 4: 刑事, 刑拘, 刑事拘留, 逮捕, 批捕, 被抓, 抓走, 抓进去, 抓起来, 看守所, 判刑, 判几年, 判多久, 会判, 坐牢, 蹲监狱, 监狱, 量刑, 缓刑, 取保候审, 取保, 保释, 公诉, 不起诉, 犯罪, 嫌疑人, 犯罪嫌疑人, 被告人, 刑事辩护, 辩护, 会见, 自首, 立功, 认罪认罚, 认罪, 减刑, 假释, 死刑, 有期徒刑, 拘役, 刑期, 羁押, 侦查, 通缉, 前科, 案底, 刑满释放, 获刑, 被人骗, 无期徒刑, 扒窃, 伪造, 判缓
criminal 4: 诈骗, 被骗, 骗子, 骗钱, 骗走, 杀猪盘, 电诈, 电信诈骗, 网络诈骗, 盗窃, 偷东西, 偷钱, 小偷, 抢劫, 抢夺, 故意伤害, 轻伤, 重伤, 打架, 斗殴, 打人, 打伤, 寻衅滋事, 杀人, 强奸, 猥亵, 性侵, 贩毒, 毒品, 开设赌场, 网赌, 洗钱, 行贿, 受贿, 贪污, 挪用公款, 职务侵占, 非法拘禁, 绑架, 敲诈勒索, 敲诈, 勒索, 帮信, 帮信罪, 走账, 跑分, 卖卡, 危险驾驶, 醉驾, 传销, 走私, 黑社会, 涉黑, 涉恶, 诈骗罪, 盗窃罪
criminal 3: 罪, 报警, 报案, 冤枉, 警察, 公安, 检察院, 起诉书, 偷, 骗, 骗了, 抓了, 拘留, 吸毒, 赌博, 嫖娼, 卖淫, 打了, 伤人, 凶手, 判决书, 判了, 被判
criminal 4: arrested, arrest, jail, jailed, prison, prisoner, sentence, sentenced, sentencing, bail, criminal, crime, crimes, theft, robbery, robbed, burglary, assault, assaulted, murder, manslaughter, rape, sexual assault, drug trafficking, embezzlement, embezzle, money laundering, laundering, bribery, bribe, prosecutor, prosecution, prosecuted, defense lawyer, criminal lawyer, guilty, plead, plea, parole, suspect, detention center, custody of police, charged with, convicted, conviction, indicted, felony, misdemeanor, scam, scammed, scammer, stole, stolen, steal, shoplifting, report to the police, called the police, police station, investigated, interrogated, dui, dwi, detained
criminal 3: police, fraud, cop, cops, fight, beat, beaten, attacked, drugs, gambling, charged, probation, lawyer visit
criminal 2: 立案
criminal 3: 性骚扰, 动手动脚, 摸我, 被摸, 咸猪手, 强吻, 强行亲, 强抱, 强行抱, 非礼, 袭胸, 露阴
criminal 3: groped, groping, molested, molest, indecent exposure

# ───────────── traffic 交通事故 ─────────────
traffic 4: 交通事故, 车祸, 出车祸, 撞车, 追尾, 被追尾, 被车撞, 被撞, 撞了人, 撞人, 撞到人, 撞到, 撞伤, 撞死, 撞倒, 撞了, 撞坏, 刮蹭, 剐蹭, 蹭了, 刮倒, 碰倒, 肇事, 肇事司机, 肇事逃逸, 逃逸, 三者险, 第三者责任险, 商业险, 责任认定, 事故认定, 责任认定书, 全责, 次责, 主责, 同责, 无责, 闯红灯, 斑马线, 酒驾撞, 交通肇事, 机动车, 非机动车, 机动车交通事故
traffic 3: 撞, 事故, 交警, 电动车, 电瓶车, 电驴, 摩托车, 摩托, 汽车, 货车, 卡车, 面包车, 滴滴, 开车, 骑车, 车主, 行人, 超速, 高速, 马路, 路口, 车险, 定损, 误工费, 护理费, 伤残鉴定, 残疾赔偿金, 车辆
traffic 2: 酒驾, 醉驾, 驾驶, 驾照, 碰了, 车, 伤残, 司机, 出租车, 公交车, 网约车, 大巴
traffic 4: car accident, traffic accident, road accident, accident, crash, crashed, collision, collided, collide, rear ended, rear end, hit by a car, hit by a truck, hit by, hit and run, ran over, run over, knocked down, drunk driver, drunk driving, driver fled, compulsory insurance, car insurance, auto insurance, traffic police, fender bender, pedestrian, red light, zebra crossing
traffic 3: car, cars, truck, motorcycle, motorbike, bike, bicycle, ebike, scooter, driver, driving, drove, vehicle, taxi, uber, bus, highway, road, traffic, passenger
traffic 1.5: 受伤, 骨折, 保险公司
traffic 2: hit, personal injury
traffic 5: 交强险
traffic 1.5: insurance company

# ───────────── medical 医疗纠纷 ─────────────
medical 5: 医疗事故, 医疗纠纷, 医疗损害, 医疗过错, 医疗鉴定, 医疗事故鉴定, 误诊, 漏诊, 治死, 医闹, 医患, 整容, 整形, 医美, 隆鼻, 隆胸, 双眼皮, 割双眼皮, 玻尿酸, 抽脂, 吸脂, 植发, 牙医, 拔牙, 种牙, 补牙, 正畸, 矫正牙, 麻醉, 手术失败, 手术事故, 术后
medical 4: 医院, 医生, 大夫, 护士, 诊所, 卫生院, 手术, 治疗, 看病, 就医, 就诊, 住院, 病历, 病例, 打针, 输液, 吊水, 挂水, 开药, 拿错药, 用错药, 开错药, 输错, 急诊, 抢救, 病人, 患者, 并发症, 产检, 孕检, 剖腹产, 顺产, 接生, 分娩, 脑瘫, 疫苗, 医药费, 医疗费, 诊断, 检查报告, 卫健委, 卫生局, 医疗
medical 2: 瘫痪, 感染, 过敏, 药, 病情, 病, 纱布, 体检, 美容, 死亡, 去世
medical 5: malpractice, misdiagnosed, misdiagnosis, medical negligence, botched surgery, surgery went wrong, cosmetic surgery, plastic surgery, dentist, dental, surgeon
medical 4: hospital, doctor, doctors, surgery, nurse, clinic, patient, medical records, medical record, treatment, diagnosis, diagnosed, prescription, anesthesia, childbirth, gave birth, birth injury, vaccine, vaccination, medical, botox, wrong medicine, wrong medication, icu, emergency room, physician
medical 2: medicine, medication, infection, allergic, sick, died, death
medical 3: 生孩子
medical 3: operation
medical 1: personal injury

# ───────────── contract 合同纠纷 ─────────────
contract 4: 违约, 违约金, 违约责任, 毁约, 定金, 订金, 押金, 双倍返还, 定金罚则, 房租, 租房, 租金, 租客, 租户, 承租, 承租人, 出租, 出租人, 转租, 退租, 续租, 租赁, 租约, 租期, 合租, 二房东, 买卖合同, 购销合同, 租房合同, 租赁合同, 服务合同, 承揽, 承揽合同, 加工合同, 运输合同, 仓储, 保管合同, 居间, 居间合同, 委托合同, 合同纠纷, 合同无效, 解除合同, 终止合同, 补充协议, 口头约定, 口头协议, 电子合同, 格式条款, 甲方, 乙方, 签合同, 合同到期, 按合同, 不履行, 履行合同, 违反合同, 撕毁合同
contract 3: 合同, 协议, 合约, 货款, 交货, 供货, 发货, 到货, 供应商, 采购, 订单, 装修公司, 装修队, 装修, 施工, 施工队, 工程款, 工期, 偷工减料, 中介费, 中介, 盖章, 签字, 反悔, 二手车, 买车, 卖车, 合作方, 代理, 委托, 赠与合同, 借用, 物流公司, 托运, 保管, 建设工程, 发包人, 保理, 运输
contract 4: contract, contracts, breach, breached, breach of contract, landlord, tenant, tenants, lease, leased, rent, rental, renting, renter, security deposit, deposit, verbal agreement, oral agreement, written agreement, liquidated damages, penalty clause, terminate the contract, cancel the contract, supplier, vendor, purchase order, subcontractor, contractor, renovation, sublet, sublease, evict, eviction
contract 3: agreement, signed, sign, deliver, delivered, delivery, goods, paid for, payment, invoice, cancel, cancellation, terms, clause, counterparty, other party, partner company
contract 2: 合作, 延期, 约定, 退钱, 赠与, 赠予, 承包人
contract 2: deal
contract 2.5: 租
contract 5: 房东

# ───────────── real_estate 房产纠纷 ─────────────
real_estate 4: 房产, 房产证, 房本, 不动产, 不动产证, 不动产权证, 产权, 产权证, 产权人, 买房, 购房, 卖房, 二手房, 新房, 期房, 现房, 商品房, 开发商, 交房, 延期交房, 延迟交房, 逾期交房, 烂尾, 烂尾楼, 网签, 过户, 首付, 购房合同, 房屋买卖, 学区房, 凶宅, 居住权, 房产加名, 公摊, 公摊面积, 面积缩水, 精装, 精装修, 毛坯, 物业, 物业费, 物业公司, 业主, 业委会, 业主委员会, 小区, 车位, 车库, 地下室, 电梯, 楼上, 楼下, 邻里, 相邻, 采光, 挡光, 通风, 宅基地, 自建房, 农村自建房, 土地, 承包地, 土地承包, 土地流转, 拆迁, 拆迁款, 拆迁补偿, 征收, 征地, 征收补偿, 安置房, 回迁, 违建, 违章建筑, 渗水, 墙裂, 房顶, 楼盘, 售楼处, 售楼部, 置业顾问, 房价, 房贷, 按揭, 抵押房
real_estate 3: 强拆, 噪音, 扰民, 共有, 占道, 院子, 宅子, 老房子, 漏水, 房子, 房屋, 邻居
real_estate 4: real estate, house, houses, home purchase, buy a house, bought a house, buying a house, sell my house, housing, apartment, apartments, condo, property, properties, property management, property fee, homeowner, homeowners, hoa, developer, builder, deed, title deed, property certificate, property ownership, down payment, mortgage, neighbor, neighbour, neighbors, neighbours, demolition, demolish, demolished, expropriation, land, land use, parking space, parking spot, fence, handover, handing over
real_estate 3: home, ownership, owner, co owner, noise, leak, leaking, water damage, seller backed out, homebuyer, yard, tree, building, wall, roof, flat
real_estate 2: 楼, 房, 屋, 墙, 树, 查封
real_estate 1.5: 搬走
real_estate 2.5: 隔壁

# ───────────── debt 债权债务 ─────────────
debt 4: 借据, 收条, 欠款, 欠债, 欠我, 欠了, 不还, 不还钱, 还不上, 讨债, 要债, 追债, 催债, 追讨, 催收, 高利贷, 民间借贷, 借贷, 利滚利, 砍头息, 连带责任, 连带保证, 债务, 债权, 债主, 债务人, 债权人, 老赖, 失信, 失信被执行人, 被执行人, 强制执行, 限高, 限制高消费, 打欠条, 写欠条, 写借条, 借了, 借我, 借他, 借她, 借朋友, 欠账, 赖账, 要账, 讨账, 转账记录, 还款, 代还, 垫付, 追偿, 诉讼时效, 出借人, 借款人, 放贷, 职业放贷人, 出借
debt 3: 欠, 拉黑, 跑路, 转账, 微信转账, 支付宝转账, 拖欠, 利息
debt 5: 担保, 担保人, 保证人, 抵押, 抵押物, 抵押权, 抵押合同, 抵押借款, 质押, 一般保证, 连带责任保证, 保证责任, 保证期间, 担保期间, 反担保
debt 4: 保人, 作保, 担保公司, 抵押登记
debt 5: collateral, cosigner, co signer, guarantor
debt 4: pledge, pledged, surety
debt 4: debt, debts, owe, owes, owed, owing, lend, lent, lending money, borrow, borrowed, borrowing, iou, repay, repaid, repayment, pay back, paid back, pay me back, collect a debt, debt collection, collector, creditor, creditors, debtor, debtors, guarantee, cosign, co sign, cosigned, co signed, promissory note, unpaid loan, loan shark, personal loan, interest rate, money back, judgment debtor
debt 3: loan, loans, interest, brother in law
debt 1.5: 钱
debt 2: 借, 执行
debt 1: friend, cousin
debt 2: money, cash
debt 1: 万块
debt 5: 借钱, 借给, 借款, 欠条, 借条, 欠钱, 还钱
debt 2.5: 本金

# ───────────── corporate 公司法务 ─────────────
corporate 4: 分红, 注册公司, 开公司, 成立公司, 办公司, 公司注册, 注册资本, 认缴, 实缴, 出资, 公司章程, 章程, 法人代表, 工商户, 合伙企业, 合伙人, 合伙, 有限公司, 有限责任公司, 股东会, 股东大会, 董事会, 董事, 监事, 公司法, 入股, 隐名股东, 对赌, 对赌协议, 并购, 控股, 破产清算, 破产, 清算, 增资, 减资, 变更登记, 工商登记, 公司变更, 公司账, 查账, 公司解散, 解散公司, 合伙开, 合资, 创业, 创始人, 大股东, 小股东
corporate 3: 执照, 总经理, 开店, 收购, 融资, 投资人, 工商, 挪用公司
corporate 5: 股东, 股权, 股份, 法定代表人, 个体工商户, 个体户, 公司注销, 注销公司, 股权转让, 股份转让, 退股, 代持, 挂名股东, 挂名法人, 抽逃出资, 股东会决议, 股东决议, 股东权益, 股东权利, 股东资格
corporate 4: 法人, 注销, 营业执照, 挂名, 稀释, 股权稀释, 吊销营业执照, 吊销执照, 法人变更, 工商变更, 资不抵债, 决议, 公司决议
corporate 4: dilute, diluted, dilution, wind up, winding up, dissolve, dissolved, deregister, deregistration, legal representative
corporate 4: shareholder, shareholders, stockholder, equity, company registration, register a company, registering a company, incorporate, incorporation, llc, limited company, partnership, business partner, business partners, cofounder, co founder, founder, board of directors, articles of association, bylaws, dissolution, liquidation, bankruptcy, bankrupt, sole proprietor, sole proprietorship, minority shareholder, majority shareholder, dividends, dividend, merger, acquisition, startup, shares, inspect the books, company books, business license
corporate 3: director, directors, our company, my company, business, corporate, corporation, ceo
corporate 1: 公司
corporate 1.5: 企业
corporate 2: 经营
corporate 2: partner, firm

# ───────────── ip 知识产权 ─────────────
ip 5: 盗版, 抄袭, 剽窃, 洗稿, 盗图, 域名, 原创, 翻唱, 改编, 搬运, 转载, 署名权
ip 4: 源代码, 技术资料, 图纸, 配方
ip 6: 商标, 商标权, 注册商标, 商标注册, 抢注, 著作权, 版权, 专利, 专利权, 发明专利, 外观专利, 外观设计, 实用新型, 知识产权, 软著, 软件著作权, 商业秘密, 技术秘密, 侵犯著作权, 侵犯商标, 侵犯专利, 侵犯版权, 商标侵权, 版权侵权, 专利侵权, 假冒专利
ip 3: 侵权, 盗用, 作品, 授权, 许可, 仿冒, 山寨, 品牌, 字体, 图片, 视频, 音乐, 歌曲, 小说, 文章, 设计, 创意, 发明, 剧本, 电视剧, 电影, 游戏, 软件, 代码, 署名, 公众号, 抖音, 网文
ip 5: trademark, trademarks, copyright, copyrighted, patent, patents, patented, pirated, piracy, plagiarism, plagiarized, plagiarised, logo, royalties, royalty, intellectual property, trade secret, trade secrets, infringement, infringing, infringe, infringed
ip 3: copied, copy, copying, brand, invention, invented, song, songs, music, novel, artwork, design, software, video, videos, photos, photo, pictures, youtube, author, licensed, licensing, without permission
ip 2: content, book
ip 4: 表演者, 表演权, 技术措施, 合理使用, 信息网络传播权, 邻接权, 出版, 出版社, 作者
ip 2: 广播

# ───────────── administrative 行政诉讼 ─────────────
administrative 5: 复议, 行政处罚, 处罚决定, 行政拘留, 行政机关, 行政许可, 行政赔偿, 国家赔偿, 信息公开, 政府信息公开, 信访, 上访, 城管, 告政府, 起诉政府, 政府, 公务员
administrative 6: 行政诉讼, 行政复议, 行政官司, 民告官
administrative 5: 不作为, 行政不作为, 征收决定, 补偿决定
administrative 4: 罚款, 罚了, 罚我, 被罚, 罚单, 扣分, 吊销, 区政府, 市政府, 镇政府, 县政府, 乡政府, 街道办, 居委会, 村委会, 执法, 行政, 公安局, 市场监管局, 市场监督管理局, 工商局, 税务局, 环保局, 生态环境局, 民政局, 国土局, 自然资源局, 规划局, 住建局, 教育局, 应急管理局, 听证, 许可证, 审批, 没收, 扣押, 扣车, 暂扣, 事业单位, 户口, 落户, 责令, 停产, 停业, 整改, 处罚, 行政诉讼法, 政府部门, 主管部门, 监管部门, 公益诉讼, 强制拆除, 退学
administrative 2: 交警, 派出所, 警察, 公安, 税务, 执照, 证照, 拘留, 违建, 有关部门, 不服
administrative 5: government, administrative, reconsideration, sue the government, government agency, public authority, authorities, ministry, bureau, tax bureau, city government, local government, licence revoked, license revoked, revoked, revoke, confiscated, confiscate, permit denied, administrative penalty, administrative detention
administrative 3: agency, official, officials, penalty, permit, license, licence, city, municipal, tax, police, officer, stall
administrative 3: 罚, 消防
administrative 4: fined
administrative 1: 营业执照

# ───────────── privacy 个人信息保护 ─────────────
privacy 5: 隐私, 隐私权, 个人信息, 个人资料, 信息泄露, 泄露, 泄漏, 泄密, 骚扰电话, 骚扰短信, 推销电话, 营销电话, 广告电话, 垃圾短信, 广告短信, 人肉, 人肉搜索, 开盒, 摄像头, 偷拍, 偷窥, 私密照, 裸照, 艳照, 人脸识别, 人脸信息, 生物识别, 数据泄露, 过度收集, 收集个人信息, 身份信息, 家庭住址, 个人隐私, 通讯录, 监控摄像, 曝光我, 信息被卖, 卖信息
privacy 3: 骚扰, 曝光, 监控, 跟踪, 定位, 聊天记录, 手机号, 电话号码, 身份证, 冒用, 住址, 收集, 采集, 照片, 截图, 发到网上, 挂到网上, 发群里, 推销, 账号
privacy 5: privacy, personal information, personal info, personal data, data breach, leak my, spam, spam calls, spam call, robocalls, robocall, telemarketing, doxxing, doxxed, doxed, stalking, stalker, surveillance, cctv, hidden camera, camera, cameras, facial recognition, phone number, private photos, private pictures, nude photos, private messages, identity theft, my data, tracking, tracker, gps tracker, sold my data
privacy 3: leak, data, harassment, harassing, harass, texts, address, consent, without consent, private, messages, chat, photos, location, monitored, monitoring, recording, recorded
privacy 2: 电话, 信息, 网上, 短信, 数据, 号码, 地址
privacy 2: app, posted, calls, personal
privacy 1.5: online

# ───────────── consumer 消费维权 ─────────────
consumer 5: 消费者, 消费维权, 12315, 退款, 退货, 换货, 假货, 假冒伪劣, 三无产品, 质量问题, 产品质量, 网购, 网上买, 淘宝, 天猫, 京东, 拼多多, 闲鱼, 直播间, 带货, 商家, 店家, 售后, 保修, 三包, 七天无理由, 无理由退货, 退一赔三, 退一赔十, 假一赔三, 假一赔十, 预付卡, 充值卡, 会员卡, 办卡, 储值卡, 健身卡, 健身房, 理发店, 美发店, 培训机构, 培训班, 食品安全, 过期食品, 吃坏, 吃出, 异物, 虚假宣传, 价格欺诈, 消协, 消费者协会, 投诉商家, 差评, 丢件, 快递丢, 不给退, 不退款, 发错货
consumer 3: 消费, 维权, 退钱, 不退, 过期, 变质, 虫子, 饭店, 餐厅, 餐馆, 超市, 商场, 商店, 店铺, 网店, 卖家, 客服, 快递, 外卖, 商品, 产品, 缺陷, 召回, 家电, 电脑, 新车, 翻新, 翻新车, 二手平台, 美容院, 酒店, 旅行社, 机票, 航班, 携程, 学费, 充值, 会员, 发票, 4s, 投诉, 假的, 霸王条款, 欺诈, 旅游, 旅游者, 旅游合同, 惩罚性赔偿
consumer 5: refund, refunds, refunded, fake goods, counterfeit goods, defective, faulty, warranty, consumer, consumers, gym, membership, membership fee, prepaid card, store credit, return policy, online shopping, online shop, online store, wrong item, spoiled food, food poisoning, expired food, customer service, seller won't refund, shop refuses, food delivery
consumer 3: seller, store, shop, shopping, merchant, product, products, item, items, purchased, bought, order, ordered, customer, food, restaurant, expired, spoiled, hotel, flight, airline, ticket, fake, counterfeit, amazon, ebay, taobao, receipt, brand new, broken, return it
consumer 1.5: 买的, 买了, 买到
consumer 2: 手机, 毛病
consumer 4: 旅游经营者
consumer 5: 货不对板, 三倍赔偿, 十倍赔偿, 以次充好
consumer 4: 保健品, 质量差, 样板间, 样板房

# ───────────── finance 金融保险 ─────────────
finance 5: 保险合同, 理赔, 拒赔, 保单, 投保, 投保人, 被保险人, 保费, 重疾险, 医疗险, 意外险, 寿险, 人寿保险, 人寿, 财产险, 健康险, 养老险, 如实告知, 受益人, 信用卡, 盗刷, 网贷, 花呗, 借呗, 白条, 征信, 理财, 理财产品, 基金, 股票, 炒股, 股市, 证券, 券商, 期货, 内幕交易, 荐股, 投资平台, 暴雷, 爆雷, 集资, 非法集资, 兑付, 虚拟货币, 炒币, 比特币, 数字货币, 外汇, 资管, 信托, 抽贷, 断贷, 金融, 银行, 银行卡, 银行账户, 存款, 年化, 收益率, 车贷
finance 3: 贷款, 投资, 提现, 手续费, 利率, 逾期, 冻结, 账户, 收益, 亏损, 亏了, 回报, 平台跑路, 车险, 保险公司
finance 5: insurer, insurance claim, life insurance, health insurance, travel insurance, policyholder, premium, premiums, bank, banks, banking, credit card, credit cards, stock, stocks, stock market, broker, brokerage, securities, investment, investments, invest, invested, investor, crypto, cryptocurrency, bitcoin, p2p, fund, funds, mutual fund, hedge fund, hidden fees, bank account, payout, froze my account, account frozen, credit score, credit report, ponzi, wealth management, annuity
finance 3: claim, claims, policy, fees, fee, credit, loan, mortgage, interest, financial, trading, lost money, insurance company
finance 2: denied, account, platform
finance 1.5: 利息
finance 3.5: 保险
finance 2: 本金
finance 4: insurance
# ───────────── English terms of art of long posts (issue 14) ─────────────
# Long English posts (r/legaladvice style) name their concern in the terms
# lawyers and agencies use, and set the scene in everyday words (the
# everyday list below). These are the terms of the first kind, the US
# vocabulary visitors pick up from letters, forms and forums.
family 5: power of attorney, durable power of attorney, poa, guardianship, guardian ad litem, conservatorship, conservator, probate, executor, executrix, letters testamentary, intestate, next of kin, parenting plan, parenting time, custody order, custody agreement, family court, marital property, community property, separate property, legal separation, child protective services, cps, foster care, emancipation, emancipated, elder abuse, adult protective services, stepchild, stepchildren, co parent, coparent, coparenting, visitation schedule
family 4: dementia, alzheimer, alzheimers, memory care
family 3: estranged, widow, widowed, widower, relocate, relocation, grandparents rights
labor 5: fmla, eeoc, wage theft, final paycheck, last paycheck, off the clock, clock out, clocked out, meal break, meal breaks, rest break, minimum wage, at will, at will employment, severance agreement, severance package, hostile work environment, workers comp, misclassified, misclassification, labor board, labour board, department of labor, labor commissioner, osha, pregnancy discrimination, reasonable accommodation, paid time off, pto, non solicitation, performance review, written up, paystub, paystubs, timesheet, timesheets
labor 4: independent contractor, w2, 1099, discrimination, sexual harassment, demoted, demotion, cobra, union, unemployment, laid me off, let go, my shift, supervisor
labor 3: retaliation, retaliated
criminal 5: arraignment, public defender, probation officer, probation violation, plea deal, plea bargain, bench warrant, warrant, arrest warrant, search warrant, press charges, pressed charges, drop the charges, charges dropped, district attorney, defense attorney, criminal defense, criminal record, expunge, expunged, expungement, bail bondsman, bondsman, bond hearing, no contact order, diversion program, pretrial diversion, paraphernalia, retail fraud, grand jury, indictment, mugshot, miranda, detective, detectives, failure to appear, restitution, victim advocate
criminal 3: testify, booked into
criminal 4: possession
criminal 2: victim
traffic 5: speeding ticket, traffic ticket, traffic court, traffic stop, pulled over, got pulled over, moving violation, points on my license, license points, reckless driving, failure to yield, right of way, stop sign, t boned, tboned, uninsured motorist, underinsured motorist, uninsured driver, other driver, other drivers insurance, body shop, total loss, whiplash, dashcam, dash cam, crosswalk, bike lane, cyclist, suspended license, driving on a suspended license, speeding, rolling stop, following too closely, lane change, changed lanes, blind spot
traffic 3: ticket, ticketed, citation, trooper, adjuster, rental car, merged, merging, swerved
traffic 3: at fault, not at fault
traffic 4: intersection
traffic 2: cited, parking lot, police report
medical 5: medical malpractice, standard of care, surgeon, surgeons, obgyn, c section, nicu, bedsore, bedsores, pressure ulcer, pressure sore, nursing home neglect, pharmacist, pharmacy, wrong dose, wrong prescription, radiologist, anesthesiologist, informed consent, medical board, dental board, nerve damage, root canal, misread, missed diagnosis, delayed diagnosis, perforated, sepsis
medical 3: complication, complications, oncologist, orthopedic, chiropractor, biopsy, scan, mri, ct scan, x ray, xray, stitches, er
medical 3: urgent care, discharged, discharge
medical 4: er doctor, er visit, the er
contract 5: lease agreement, rental agreement, sublease agreement, subtenant, roommate agreement, move out inspection, move in inspection, wear and tear, normal wear and tear, notice to vacate, early termination fee, break my lease, breaking my lease, break the lease, month to month, lease takeover, take over the lease, took over the lease, lease assignment, assignment of lease, venue, wedding venue, caterer, catering, event contract, nonrefundable, non refundable, change order, scope of work, remodel, remodeling, client refuses to pay
contract 4: roommate, roommates, landlords, tenancy, property manager, deposit back
contract 4: freelance, freelancer
contract 2: demand letter
contract 3: unit, installment, installments, refundable
contract 2: client, clients
real_estate 5: homeowners association, easement, property line, surveyor, adverse possession, quitclaim, quitclaim deed, title company, title insurance, earnest money, purchase agreement, seller disclosure, disclosure form, home inspection, home inspector, partition, partition action, joint tenants, tenants in common, encroach, encroaching, encroachment, new construction, listing agent, buyers agent, closing date, lien on my house, lien on the property, condo association, condo board, co op board
real_estate 3: escrow, inspector, subdivision, shed, garage, basement, driveway, foundation, mold
real_estate 4: survey, realtor, boundary
debt 5: collection agency, collections agency, debt collector, debt collectors, collections, debt validation, validation letter, garnish, garnished, garnishment, wage garnishment, default judgment, judgment creditor, payday loan, payday loans, payday lender, title loan, debt buyer, fdcpa, debt settlement, settlement company, repossess, repossessed, repossession, cosigner, chapter 7, chapter 13, charged off, charge off, sent to collections
debt 4: bankruptcy, bankrupt, pay it back, paid me back, owe me, owes me
debt 4: repo
debt 3: judgment
debt 2: statute of limitations
corporate 5: operating agreement, partnership agreement, shareholder agreement, shareholders agreement, cap table, vesting, vested, s corp, c corp, articles of organization, managing member, fiduciary duty, buyout, buy out, buy him out, buy her out, buy me out, founding team, equity split, ownership split, 50 50 partners, personal guarantee, personally guaranteed, piercing the veil, pierce the veil, dba
corporate 4: llc, membership interest, founders, distributions, start a business, starting a business, business plan, angel investor
corporate 3: profits
ip 5: dmca, takedown, takedown notice, counter notification, counter notice, fair use, uspto, copyright office, cease and desist, invention assignment, source code, watermark, reupload, reuploaded, reuploading, prior art, licensing fee, license fee, statutory damages, work for hire, intellectual property lawyer
ip 3: original work, artwork, illustration, merch, band name, designs
ip 2: etsy
administrative 5: code enforcement, zoning, zoning board, variance, building permit, notice of violation, administrative law judge, alj, fair hearing, public records request, public records, foia, ssdi, ssi, disability benefits, unemployment benefits, medicaid, hearing officer, state agency, ordinance, city ordinance, school district, expulsion, expelled, school board, uscis, immigration, visa, green card, deportation, deported, impound, impounded, city council, medical advisory board
administrative 3: appeal, appealed, determination, agency
administrative 4: irs, social security, dmv, department of motor vehicles
administrative 2: county, hearing, benefits
administrative 3: towed, state board
privacy 5: hipaa, ferpa, revenge porn, intimate photos, intimate images, intimate pictures, nudes, hacked, hacker, hacking, social security number, ssn, do not call, do not call list, tcpa, wiretap, eavesdropping, spyware, stalkerware, tracking app, location tracking, tracking my location, tracks my location, fake profile, fake profiles, fake account, impersonating, impersonation, media release, personal email, monitoring software, doorbell camera, security cameras, security questions
privacy 3: recorded me, recording me, without my permission, without my consent, posted my, exposed
privacy 4: pointed at my
privacy 2: login
consumer 5: chargeback, lemon law, better business bureau, bbb, auto renewal, auto renew, subscription, timeshare, rescission, as is, buyers guide, title washing, salmonella, voucher, travel voucher, cancelled flight, flight cancelled, flight was cancelled, repair shop, mechanic, auto repair, dealership, car dealer, used car dealer, gift card, store credit, resale, reseller, membership
consumer 3: dealer, customer, customers, attorney general, ftc, cancel my membership, manufacturer, defect, meal kit
consumer 2: estimate
finance 4: credit union
finance 5: paypal, provisional credit, overdraft, unauthorized charges, unauthorized transactions, fraudulent charges, fraud claim, debit card, cfpb, finra, financial advisor, brokerage account, churning, mortgage servicer, loan servicer, servicer, escrow shortage, foreclosure, prior authorization, preauthorization, external review, erisa, gap insurance, life insurance policy, contestability, insurance claim denied, claim denied, denied my claim, denied the claim, cash app, venmo account, closed my account, account closed, account was closed
finance 3: adjuster, deductible
finance 3: beneficiary, withdrawal, withdraw
finance 4: frozen, froze
finance 2: wallet

# plain words of long posts (issue 14, second tuning set)
traffic 5: car was totaled, totaled my car, car got totaled, door opened into me
criminal 5: in for questioning, taken in for questioning, brought in for questioning
criminal 3: taken in
debt 2: balance
finance 2: balance
family 4: stay at home mom, stay at home dad, sahm, leave my husband, leave my wife, leaving my husband, leaving my wife, our marriage, the marriage, make decisions for, her decisions, his decisions, handle her finances, handle his finances, take care of her affairs
family 2: nursing home, assisted living
labor 4: job site, jobsite, on the job, hurt on the job, injured on the job, scaffold, scaffolding, foreman, unpaid training, my hours, cut my hours, cutting my hours, age discrimination, too old, write ups, wrote me up, team lead
criminal 5: fake id, underage drinking, minor in possession, receiving stolen property, picked up by the police, come in for questioning
traffic 4: backed into me, rear ended me, ran the light, ran a red light, liability coverage, full coverage, collision coverage, swerved to miss, hit a deer, parked car, stoplight, my bumper, bumper
contract 5: banquet hall, event hall, reception hall, party venue, half up front, up front, upfront, didnt finish, never finished, finish the job, abandoned the job, ghosted us, take over his lease, take over her lease, took over his lease, took over her lease, his spot, her spot
contract 3: reserved, reservation, quoted, quote, small claims
debt 2: small claims
consumer 1: small claims
real_estate 5: at closing, after closing, closing table, closed on the house, closed on our house, closed on our home, sellers disclosure
real_estate 3: privacy fence
debt 4: quick loan, online loan, calling my work, calling my job, called my work, called my job, call my work, call my job, payment plan, served papers, suing me for
corporate 5: business together, company together, started a company, start a company, went into business, business with my friend, business with a friend, business with my best friend, form a company, formed a company, form an llc, formed an llc, made it official, split it three ways, three ways
corporate 2: 50 50
ip 5: word for word, product photos, my product photos, copied my, copying my, copies of my, exact copy, my drawing, my artwork, my art, print on demand
ip 3: drawing, drawings, illustrations
ip 2: permission
administrative 4: overpaid, overpayment, redetermination, re determined, waiver, health inspector, planning office, planning department, town office, the town
privacy 5: my information, my info, shared my information, sharing my information, gave out my, gave my information, tenant file, secretly recorded, recorded me without, gps tracker, tracker on my car
privacy 2: emergency contact, emergency contacts
consumer 5: online course, bootcamp, false advertising, money back guarantee, job guarantee, floor model, sales pitch, all sales are final, as new
consumer 3: course, advertised, the ads, salesperson, salesman, salesmen, promised
finance 5: insurance policy, my policy, policy was cancelled, cancelled my policy, homeowners insurance, renters insurance, surrender fee, surrender fees, annuity, spoofed, checking account
finance 3: zelle, savings account, house fire
real_estate 1: a fire, the fire, fire department

# the same for UK, Canadian and Australian posters (general vocabulary,
# from no post)
family 5: child arrangements order, child maintenance, child maintenance service, contact order, residence order, decree absolute, decree nisi, lasting power of attorney, lpa, court of protection, deputyship, family law act
labor 5: employment tribunal, acas, redundancy, made redundant, redundancy pay, sacked, gross misconduct, disciplinary hearing, grievance, constructive dismissal, zero hours, zero hour contract, statutory sick pay, ssp, holiday pay, p45, payslip, payslips, employment standards, fair work, fair work commission
labor 3: notice period, disciplinary
criminal 5: magistrates court, magistrates, crown court, interview under caution, police caution, bail conditions, criminal solicitor
contract 5: tenancy agreement, letting agent, letting agency, deposit protection, deposit protection scheme, section 21, section 8 notice, lodger, flatmate, flatmates, landlady, landlord and tenant board, ltb, residential tenancies, rental bond, bond refund, vcat, ncat
real_estate 5: estate agent, real estate agent, conveyancing, conveyancer, solicitor for the purchase, freehold, leasehold, leaseholder, freeholder, service charge, ground rent, party wall, strata, body corporate
debt 5: bailiff, bailiffs, ccj, county court judgment, iva, statutory demand, debt management plan
traffic 5: dvla, speed camera, notice of intended prosecution, penalty points, write off, written off, learner driver, mot, insurance excess
administrative 5: council tax, the council, local council, hmrc, dwp, universal credit, pip assessment, penalty charge notice, pcn, home office, planning permission, ombudsman, cra, employment insurance, ontario works, centrelink
corporate 5: companies house, ltd, sole trader, directors loan, shareholders agreement
ip 5: passing off
privacy 5: gdpr, subject access request, dsar, data protection, ico
consumer 5: consumer rights act, section 75, trading standards, citizens advice
finance 5: financial ombudsman, isa, rrsp, tfsa, superannuation, super fund
medical 5: clinical negligence, gp, nhs, a and e
medical 2: no win no fee
traffic 2: no win no fee

# ───────────── everyday English words (issue 14) ─────────────
# English terms that set the scene of a long post more than they name its
# concern: the house and the car, money and accounts, the company and the
# job, the family and the doctor. In a long text they weigh
# everydayWeight (router.go) times as much; in a short question as much as
# ever. Only English weighted terms.
everyday: house, houses, home, homes, apartment, apartments, property, properties, housing, building, owner, land, yard, wall, flat, noise, leak, leaking, mortgage, down payment
everyday: car, cars, truck, vehicle, driver, driving, drove, road, bus, taxi, uber, traffic, hit, accident, passenger, highway
everyday: money back, social security, health insurance, paycheck, bank account, debit card, credit card, online store, online shop, zelle, money, cash, bank, account, loan, loans, interest, credit, credit card, credit cards, fee, fees, payment, paid for, financial, fund, funds, premium, premiums, claim, claims, policy, insurance, insurance company, denied, platform, invest, invested, investment, investor, stock
everyday: company, business, firm, partner, share, shares, job, my job, work, working, hours, shift, boss, manager, staff, hire, hired, at work, coworker, colleague, employer, employee, bonus, commission
everyday: kids, kid, child, children, son, daughter, parents, husband, wife, boyfriend, girlfriend, friend, cousin, grandmother, grandfather, died, passed away, brother in law
everyday: doctor, doctors, hospital, nurse, medical, medication, medicine, sick, death, treatment, patient, infection, surgery, diagnosed
everyday: police, cop, cops, officer, fight, beat, charged, suspect, guilty, investigated, fraud, scam, scammed, stole, stolen, steal
everyday: phone number, camera, cameras, photo, photos, pictures, video, videos, messages, texts, chat, call, calls, address, data, online, app, posted, personal, private, record, recording, recorded, location, consent, tracking
everyday: customer, customers, rent, sign, signed, agreement, cancel, cancellation, deliver, delivered, delivery, goods, terms, deal, order, ordered, bought, purchased, store, shop, item, items, product, products, food, restaurant, hotel, ticket, seller, customer service, brand, design, copy, copied, content, book, city, tax, license, licence, permit, penalty, official, officials, agency, government
# ───────────── rules for mixed topics ─────────────
# rule area weight: a, a, … & b, b, …
# When a text holds a term of the first list and a term of the second, the
# area gets the weight on top of its terms (outside the halving of
# lexicon.go). Either list may name words that are no lexicon term (cues):
# they count only here. Rules say which concern comes first when a question
# mixes two: the divorce before the property divided, the job before the
# social insurance or the harassment, the challenge of a government body's
# decision before the matter it decided, the seller's false promise or
# defect before the house.
rule family 4: 离婚, 离昏, 离异, 离了婚, 闹离婚, divorce, divorcing, divorced & 房, 房子, 房产, 存款, 股份, 股票, 基金, 股权, 公司, 车, 车子, 债, 债务, 网贷, 贷款, 房贷, 车贷, 财产, 首付, 工资, 公积金, 理财, 钱, 彩礼, house, apartment, property, savings, money, debt, debts, shares, company, car, pension
rule labor 3: 社保, 社会保险, 五险一金, 五险, 养老保险, 医保, 公积金, social insurance, pension & 公司, 单位, 老板, 厂里, 入职, 离职, 辞职, 员工, 上班, 工作, 没交, 不交, 没给交, 不给交, 少交, 没买, 不买, 补缴, 断缴, 放弃, employer, company, boss, job, work
rule labor 4: 骚扰, 性骚扰, 动手动脚, 猥亵, 黄段子, 咸猪手, harass, harassment, harassing, sexually & 同事, 上司, 领导, 老板, 主管, 经理, 公司, 单位, 上班, 工作, 人事, coworker, colleague, colleagues, boss, manager, supervisor, workplace, at work, hr
rule criminal 3: 骚扰, 性骚扰, 摸, 亲我, 抱我 & 陌生人, 演员, 主播, 艺人, 明星, 歌手, 网友, 司机, stranger, performer, actor, singer, streamer
rule labor 4: 工伤, 工伤认定, 算工伤, 认定工伤, 工伤赔偿, work injury & 车祸, 被车撞, 撞, 交通事故, 追尾, 事故, accident, crash
rule administrative 4: 不服, 复议, 行政诉讼, 起诉, 状告, 能告, 想告, 要告, 去告, 告他们, 打官司, 不作为, 申诉, sue, appeal, challenge & 人社局, 社保局, 劳动局, 劳动监察, 交警, 交警队, 派出所, 公安局, 卫健委, 市场监管, 监管局, 税务局, 环保局, 教育局, 住建局, 民政局, 自然资源局, 政府, 城管, 街道办, 执法, 行政机关, 主管部门, bureau, government, authority, authorities, department, ministry, police
rule corporate 3: 个体工商户, 个体户, 公司注销, 注销, 吊销, 破产, 清算, 法人, 法定代表人, 挂名 & 欠, 欠款, 欠债, 欠钱, 债务, 还钱, 要还, 承担, 连带, 个人, debts, liable, liability
rule ip 4: 源代码, 代码, 技术资料, 图纸, 配方, 技术, 客户资料, 客户名单 & 带走, 拷走, 拷贝, 竞争对手, 同行, 跳槽, 泄露, 泄密, 离职
rule consumer 6: 虚假宣传, 宣传, 广告, 样板间, 样板房, 质量问题, 质量差, 质量不合格, 货不对板, 以次充好, 偷工减料, 材料, 品牌 & 开发商, 售楼处, 售楼部, 置业顾问, 商品房, 新房, 精装, 精装修, 精装房, 楼盘, 交付, 交房
rule consumer 6: lied, lie, false advertising, misleading, advertised, advertisement, promised, defect, defects, poor quality & developer, builder, new apartment, new house, new flat, show flat, showroom
rule consumer 6: 漏水, 开裂, 裂缝, 墙裂, 渗水, 空鼓, 保修, 不给修 & 开发商, 精装修, 精装房, 交付
# Long English posts (issue 14): a lender or collector who threatens jail
# or fraud charges is a debt matter, a business started with friends a
# company matter, a scam that emptied a bank account a matter for the bank.
rule debt 3: debt, debts, owe, owed, loan, payday loan, payday loans, lender, collector, collectors, collection agency, collections & jail, arrested, arrest, warrant, fraud, sheriff, criminal charges, police
rule corporate 3: business together, company together, started a business, start a business, starting a business, started a company, our business, our company, our app, app idea, an app, our startup, our llc & friend, friends, buddy, buddies, best friend, three of us, two of us, 50 50, equally, partner, partners, cofounder
rule finance 3: bank, my bank, zelle, checking account, bank account, debit card & scam, scammed, scammer, spoofed, unauthorized, fraudulent
`
