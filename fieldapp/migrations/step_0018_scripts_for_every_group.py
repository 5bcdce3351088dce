"""Step 0018, released: communication scripts for every target group and topic that go together,
in Vietnamese and English and drafted in Mông (RPA), Thái (Tai Viet letters) and Dao (Iu Mien);
the two topics they needed (mandatory BHXH, using the BHYT card); the four languages step 0005's
sample scripts lacked.

Official scripts (sample = 1): the central server's alone, the same rows on every laptop (ids
from the group and topic). A topic or a text the database already holds (an administrator made
it on the central server first) is left as it is. Figures only as placeholders of the policy
figures ({voluntary_bhxh_min_monthly}, ...), filled in where a script is shown; the Mông, Thái
and Dao texts are drafts (reviewed = 0) until a speaker reviews them.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

import uuid

NAME = "0018_scripts_for_every_group"

_STAMP = "2026-12-04T00:00:00.000+00:00"


def _seeded_id(kind, key):
    """The same id on every laptop for a row seeded by a migration."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp:{kind}:{key}"))


def N_(label):
    """Mark a seeded label for extraction; it is translated when shown."""
    return label


# Topics the scripts need that the list lacked: (code, English label, position among the
# topics of step 0003, numbered 10, 20, ... 70).
_TOPICS_V18 = [
    ("mandatory_bhxh", N_("Mandatory social insurance (BHXH)"), 15),
    ("bhyt_care", N_("Using the BHYT card: care and benefits"), 35),
]

# Languages whose texts are drafts until a speaker reviews them.
_DRAFTS_V18 = ("hnj", "blt", "ium")

# The pairs of target group and topic that have no script, and why.
LEFT_OUT_V18 = {
    ("authorities", "vssid"): "local leaders promote VssID through the households' script",
    ("authorities", "bhyt_care"): "using the card is told to households and patients",
    ("authorities", "unemployment"): "a matter between workers, employers and job centres",
    ("employers", "voluntary_bhxh"): "employees are in the mandatory scheme; those who leave "
                                     "it are told of voluntary BHXH in its questions",
    ("employers", "household_bhyt"): "employees' cards come with their work",
    ("employers", "pupil_bhyt"): "pupils' cards come through their school",
    ("employers", "bhyt_care"): "told to everyone through the households' and patients' scripts",
    ("voluntary", "mandatory_bhxh"): "outside the mandatory scheme; workers coming home from "
                                     "factories have the unemployment script",
    ("pupils", "voluntary_bhxh"): "pupils have no income; their parents have the households' "
                                  "script",
    ("pupils", "household_bhyt"): "pupils' cards come through their school",
    ("pupils", "pensions"): "not a pupil's concern",
    ("pupils", "unemployment"): "not a pupil's concern",
    ("pupils", "mandatory_bhxh"): "not a pupil's concern",
    ("health_facilities", "voluntary_bhxh"): "not their work; BHYT is",
    ("health_facilities", "pupil_bhyt"): "school health is the schools'; pupils have the "
                                         "card script",
    ("health_facilities", "pensions"): "not their work; BHYT is",
    ("health_facilities", "unemployment"): "not their work; BHYT is",
    ("health_facilities", "mandatory_bhxh"): "as employers they have the employers' scripts",
    ("collaborators", "pupil_bhyt"): "collected by schools, not by agents",
    ("collaborators", "pensions"): "settled by the commune and the BHXH office",
    ("collaborators", "unemployment"): "settled by job centres",
    ("collaborators", "mandatory_bhxh"): "settled between employers and the BHXH office",
    ("collaborators", "bhyt_care"): "they hand households the households' card script",
}


# Scripts: (target group, topic, {language: (title, [key messages], [(question, answer)])}).
_SCRIPTS_V18 = [
    ("authorities", "voluntary_bhxh", {
        "vi": (
            "Cấp ủy, chính quyền xã: lãnh đạo vận động BHXH tự nguyện",
            ["BHXH tự nguyện cho người làm nông, buôn bán nhỏ, làm thuê tự do có lương hưu khi "
             "về già và thẻ BHYT khi nghỉ hưu: bớt gánh nặng cho con cháu và cho xã sau này.",
             "Mức đóng thấp nhất là {voluntary_bhxh_rate_percent}% của chuẩn nghèo nông thôn "
             "({rural_poverty_line} đồng/tháng), tức {voluntary_bhxh_min_monthly} đồng/tháng. "
             "Nhà nước hỗ trợ {voluntary_bhxh_support_poor_percent}% cho hộ nghèo, "
             "{voluntary_bhxh_support_near_poor_percent}% cho hộ cận nghèo, "
             "{voluntary_bhxh_support_ethnic_minority_percent}% cho người dân tộc thiểu số, "
             "{voluntary_bhxh_support_other_percent}% cho người khác; xã có thể vận động hỗ "
             "trợ thêm.",
             "Đề nghị cấp ủy đưa chỉ tiêu người tham gia vào nghị quyết, giao đến từng thôn, "
             "bản; trưởng thôn, Hội Phụ nữ, Hội Nông dân, Đoàn Thanh niên cùng cán bộ BHXH đi "
             "từng nhà.",
             "Mỗi tháng cùng BHXH xem kết quả theo thôn, bản và danh sách người từ 15 tuổi "
             "chưa tham gia; biểu dương nơi làm tốt."],
            [("Xã không có ngân sách hỗ trợ thêm thì sao?",
              "Hỗ trợ của Nhà nước vẫn áp dụng cho mọi người tham gia. Xã có thể vận động doanh "
              "nghiệp, nhà hảo tâm, đoàn thể tặng sổ BHXH cho hộ nghèo, hộ khó khăn."),
             ("Người dân nói thu nhập thấp, không đóng nổi?",
              "Người dân tự chọn mức thu nhập để đóng, thấp nhất bằng chuẩn nghèo, và có thể "
              "đóng 3, 6 hoặc 12 tháng một lần vào lúc thu hoạch. Hãy kể tên những người trong "
              "xã đã nhận lương hưu.")]),
        "en": (
            "Party committees and local authorities: leading the drive for voluntary BHXH",
            ["Voluntary BHXH gives farmers, small traders and casual workers a pension in old "
             "age and a BHYT card when they retire: less of a burden on their children, and on "
             "the commune, later.",
             "The lowest contribution is {voluntary_bhxh_rate_percent}% of the rural poverty "
             "line ({rural_poverty_line} VND a month), that is {voluntary_bhxh_min_monthly} VND "
             "a month. The state pays {voluntary_bhxh_support_poor_percent}% of it for poor "
             "households, {voluntary_bhxh_support_near_poor_percent}% for near-poor ones, "
             "{voluntary_bhxh_support_ethnic_minority_percent}% for ethnic minorities and "
             "{voluntary_bhxh_support_other_percent}% for others; the commune can raise more.",
             "Ask the party committee to put a target for new participants in its resolution "
             "and share it out to every village; village heads, the Women's Union, the "
             "Farmers' Union and the Youth Union go door to door with the BHXH officer.",
             "Each month, go through the results by village with the BHXH office, and the list "
             "of people aged 15 and over not yet in; praise the villages that do well."],
            [("The commune has no budget to add support. What then?",
              "The state's support applies to every participant. The commune can ask "
              "businesses, donors and mass organisations to pay BHXH contributions for poor "
              "and struggling households."),
             ("People say their income is too low to pay.",
              "People choose the income they pay on, the lowest being the poverty line, and "
              "can pay for 3, 6 or 12 months at once at harvest time. Name people of the "
              "commune who already draw a pension.")]),
        "hnj": (
            "Cov thawj coj thiab tsoom fwv hauv zos: coj kev txhawb BHXH yeem koom",
            ["BHXH yeem koom pab cov neeg ua teb ua liaj, muag khoom me me thiab ua haujlwm "
             "ntiav kom thaum laus muaj nyiaj laus thiab daim npav BHYT: tsis yog lub nra rau "
             "tub ki thiab rau lub zos tom ntej.",
             "Them tsawg tshaj yog {voluntary_bhxh_rate_percent}% ntawm kab txom nyem nyob deb "
             "nroog ({rural_poverty_line} nyiaj ib hlis), yog {voluntary_bhxh_min_monthly} "
             "nyiaj ib hlis. Tsoom fwv pab {voluntary_bhxh_support_poor_percent}% rau tsev "
             "neeg txom nyem, {voluntary_bhxh_support_near_poor_percent}% rau tsev neeg yuav "
             "luag txom nyem, {voluntary_bhxh_support_ethnic_minority_percent}% rau haiv neeg "
             "tsawg, {voluntary_bhxh_support_other_percent}% rau lwm tus; lub zos nrhiav tau "
             "kev pab ntxiv.",
             "Thov cov thawj coj sau tus naj npawb neeg koom tshiab rau hauv lawv txoj kev "
             "txiav txim thiab faib rau txhua lub zos; tus thawj zos, pawg poj niam, pawg neeg "
             "ua liaj ua teb thiab pawg hluas nrog tus neeg ua haujlwm BHXH mus txhua tsev.",
             "Txhua lub hli, nrog BHXH saib txhua lub zos ua tau li cas thiab cov npe neeg "
             "muaj 15 xyoos rov saud tsis tau koom; qhuas cov zos ua tau zoo."],
            [("Lub zos tsis muaj nyiaj pab ntxiv ne?",
              "Tsoom fwv tseem pab txhua tus neeg koom. Lub zos thov tau cov tuam txhab, cov "
              "neeg siab zoo thiab cov pawg pab them BHXH rau tsev neeg txom nyem."),
             ("Neeg hais tias khwv tau nyiaj tsawg, them tsis taus?",
              "Neeg xaiv tus nqi nyiaj khwv tau uas lawv them raws, tsawg tshaj yog kab txom "
              "nyem, thiab them tau 3, 6 los 12 hlis ib zaug thaum sau qoob loo. Hais npe cov "
              "neeg hauv zos uas twb tau nyiaj laus lawm.")]),
        "blt": (
            "ꪒꪰꪉ ꪀꪾꪚ ꪎꪱ: ꪙꪾ ꪹꪤꪸꪒ BHXH ꪕꪳ ꪉꪫꪸꪙ",
            ["BHXH ꪕꪳ ꪉꪫꪸꪙ ꪏꪺꪥ ꫛ ꪹꪤꪸꪒ ꪙꪱ, ꫛ ꪄꪱꪥ ꪄꪮꪉ, ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪻꪬ ꫛ ꪮꪳꪙ ꪣꪲ ꪹꪉꪷꪙ "
             "ꪹꪖꪱ ꪀꪾꪚ ꪵꪖ BHYT ꪣꪳ ꪹꪖꪱ: ꪹꪚꪱ ꪑꪱꪀ ꪻꪬ ꪩꪴꪀ ꪨꪱꪙ ꪀꪾꪚ ꪎꪱ ꪣꪳ ꪩꪰꪉ.",
             "ꪎꪸ ꪙꪮꪥ ꪎꪳꪒ ꪜꪸꪙ {voluntary_bhxh_rate_percent}% ꪄꪮꪉ ꪹꪉꪷꪙ ꪹꪭꪙ ꪑꪱꪀ ꪻꪙ ꪚꪱꪙ "
             "({rural_poverty_line} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ), ꪜꪸꪙ {voluntary_bhxh_min_monthly} ꪹꪉꪷꪙ "
             "ꪋꪴ ꪹꪚꪙ. ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ {voluntary_bhxh_support_poor_percent}% ꪻꪬ ꪹꪭꪙ ꪑꪱꪀ, "
             "{voluntary_bhxh_support_near_poor_percent}% ꪻꪬ ꪹꪭꪙ ꪄꪱꪉ ꪑꪱꪀ, "
             "{voluntary_bhxh_support_ethnic_minority_percent}% ꪻꪬ ꫛ ꪹꪤꪷꪙ ꪶꪕꪀ ꪙꪮꪥ, "
             "{voluntary_bhxh_support_other_percent}% ꪻꪬ ꫛ ꪮꪳꪙ; ꪎꪱ ꪬꪱ ꪹꪉꪷꪙ ꪏꪺꪥ ꪻꪎ ꪼꪒ.",
             "ꪒꪰꪉ ꪻꪎ ꪶꪎ ꪹꪜꪱ ꫛ ꪒꪰꪉ ꪀꪲ ꪻꪢ ꪻꪙ ꪻꪚ ꪁꪫꪱꪣ ꪄꪮꪉ ꪒꪰꪉ, ꪵꪚꪉ ꪻꪬ ꪋꪴ ꪚꪱꪙ; "
             "ꪹꪊꪱ ꪚꪱꪙ, ꪭꪺꪣ ꪵꪣꪼꪑꪉ, ꪭꪺꪣ ꫛ ꪹꪤꪸꪒ ꪙꪱ, ꪭꪺꪣ ꪚꪱꪫ ꪎꪱꪫ ꪀꪾꪚ ꪀꪱꪙ ꪶꪛ BHXH ꪼꪜ "
             "ꪋꪴ ꪹꪭꪙ.",
             "ꪋꪴ ꪹꪚꪙ, ꪀꪾꪚ BHXH ꪹꪚꪷꪉ ꪹꪀꪸꪒ ꪀꪫꪱ ꪋꪴ ꪚꪱꪙ ꪀꪾꪚ ꪻꪚ ꪋꪳ ꫛ ꪕꪳ 15 ꪜꪲ ꪹꪚꪱ "
             "ꪑꪰꪉ ꪒꪰꪉ ꪀꪲ; ꪹꪫꪱ ꪒꪲ ꪻꪬ ꪚꪱꪙ ꪹꪤꪸꪒ ꪒꪲ."],
            [("ꪎꪱ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪏꪺꪥ ꪻꪎ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪚꪱꪙ ꪹꪣꪉ ꪑꪰꪉ ꪏꪺꪥ ꪋꪴ ꫛ ꪒꪰꪉ ꪀꪲ. ꪎꪱ ꪖꪱꪣ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ, ꫛ ꪻꪊ ꪒꪲ ꪀꪾꪚ "
              "ꪭꪺꪣ ꪕꪰꪉ ꪶꪢꪒ ꪏꪺꪥ ꪎꪸ BHXH ꪻꪬ ꪹꪭꪙ ꪑꪱꪀ ꪼꪒ."),
             ("ꫛ ꪹꪫꪱ ꪹꪉꪷꪙ ꪬꪱ ꪼꪒ ꪙꪮꪥ, ꪎꪸ ꪹꪚꪱ ꪼꪒ?",
              "ꫛ ꪹꪩꪀ ꪹꪉꪷꪙ ꪬꪱ ꪼꪒ ꪹꪮꪱ ꪎꪸ, ꪙꪮꪥ ꪎꪳꪒ ꪜꪸꪙ ꪹꪉꪷꪙ ꪹꪭꪙ ꪑꪱꪀ, ꪀꪾꪚ ꪎꪸ 3, 6 ꪭꪳ "
              "12 ꪹꪚꪙ ꪣꪳ ꪹꪒꪸꪫ ꪣꪳ ꪹꪀꪸꪚ ꪹꪄꪱ. ꪹꪫꪱ ꪋꪳ ꫛ ꪻꪙ ꪎꪱ ꪼꪒ ꪹꪉꪷꪙ ꪹꪖꪱ ꪵꪩꪫ.")]),
        "ium": (
            "Gunv jauv nyei mienh: dorh jienv mienh bieqc BHXH ganh oix bieqc",
            ["BHXH ganh oix bieqc tengx zoux liangh, maaic ga'naaiv caux zoux gong bun mienh "
             "nyei mienh, gox zanc maaih gox zanc nyei nyaanh caux BHYT nyei tex: maiv zuqc "
             "dorh naanc bun fu'jueiv caux laangz.",
             "Cuotv nyaanh gauh siex jiex se {voluntary_bhxh_rate_percent}% laangz nyei jomc "
             "nyei jangx ({rural_poverty_line} nyaanh yietc hlaax), se "
             "{voluntary_bhxh_min_monthly} nyaanh yietc hlaax. Hungh jaa tengx "
             "{voluntary_bhxh_support_poor_percent}% bun biauv zong jomc, "
             "{voluntary_bhxh_support_near_poor_percent}% bun biauv zong fatv jomc, "
             "{voluntary_bhxh_support_ethnic_minority_percent}% bun fingx-siex mienh, "
             "{voluntary_bhxh_support_other_percent}% bun dieh deix mienh; laangz corc haih "
             "lorz nyaanh tengx gauh camv.",
             "Tov gunv jauv nyei mienh fiev oix duqv bieqc nyei mienh sou-mbuo, faix bun "
             "laangz laangz; laangz-ziouv, m'sieqv dorn nyei wuic, zoux liangh mienh nyei "
             "wuic, jueiv-mienh nyei wuic caux BHXH nyei gaanv bou yietc biauv yietc biauv "
             "mingh.",
             "Hlaax hlaax caux BHXH mangc laangz laangz zoux duqv hnangv haaix nor, caux 15 "
             "hnyangx faaux maiv gaengh bieqc nyei mienh nyei mbuox-daan; ceng zoux longx nyei "
             "laangz."],
            [("Laangz maiv maaih nyaanh tengx gauh camv, oix hnangv haaix nor?",
              "Hungh jaa corc tengx yietc zungv bieqc nyei mienh. Laangz haih tov gong-ziouv, "
              "hnyouv longx nyei mienh caux wuic tengx jomc nyei biauv zong cuotv BHXH nyei "
              "nyaanh."),
             ("Mienh gorngv zoux gong duqv nyaanh siex, cuotv maiv duqv?",
              "Mienh ganh ginv zoux gong duqv nyei nyaanh weic cuotv, gauh siex jiex se jomc "
              "nyei jangx, yaac haih 3, 6 fai 12 hlaax cuotv yietc nzunc, siou mbiauh nyei "
              "ziangh hoc. Gorngv laangz gu'nyuoz zipv jienv gox zanc nyei nyaanh nyei mienh "
              "nyei mbuox.")]),
    }),
    ("authorities", "household_bhyt", {
        "vi": (
            "Cấp ủy, chính quyền xã: mọi người dân có thẻ BHYT",
            ["Có thẻ BHYT, người dân đi khám sớm, không phải bán trâu bò hay vay nợ khi ốm "
             "nặng; tỷ lệ người có BHYT là chỉ tiêu của xã.",
             "Nhiều người có thẻ do Nhà nước đóng (hộ nghèo, cận nghèo, người dân tộc thiểu số "
             "ở vùng đặc biệt khó khăn, trẻ em dưới 6 tuổi). Khi hộ thoát nghèo hoặc xã ra khỏi "
             "vùng đặc biệt khó khăn, thẻ đó dừng: cần vận động các hộ này mua BHYT hộ gia đình "
             "ngay.",
             "BHYT hộ gia đình: người thứ nhất đóng {household_bhyt_first_yearly} đồng/năm "
             "({household_bhyt_rate_percent}% lương cơ sở); từ người thứ hai được giảm dần, từ "
             "người thứ năm còn {household_bhyt_fifth_yearly} đồng/năm.",
             "Đề nghị xã gửi kịp thời danh sách hộ nghèo, cận nghèo và trẻ mới sinh để BHXH "
             "cấp thẻ đúng, đủ; giao từng thôn, bản vận động các hộ chưa có thẻ."],
            [("Danh sách hộ nghèo thay đổi thì thẻ BHYT có thay đổi không?",
              "Có. Xã gửi danh sách mới cho BHXH để cấp thẻ cho người mới thuộc diện, và báo "
              "cho người hết diện để họ mua BHYT hộ gia đình trước khi thẻ cũ hết hạn."),
             ("Vì sao vận động mua cho cả hộ?",
              "Mua cho cả hộ thì từ người thứ hai được giảm, và cả gia đình đều được bảo vệ khi "
              "ốm đau.")]),
        "en": (
            "Party committees and local authorities: a BHYT card for everyone",
            ["With a BHYT card people see a doctor early, and need not sell their cattle or "
             "borrow when seriously ill; the share of people with BHYT is one of the commune's "
             "targets.",
             "Many people hold a card the state pays for (poor and near-poor households, ethnic "
             "minorities in especially difficult areas, children under 6). When a household "
             "leaves poverty or the commune leaves the especially difficult list, that card "
             "stops: those households need to buy household BHYT at once.",
             "Household BHYT: the first member pays {household_bhyt_first_yearly} VND a year "
             "({household_bhyt_rate_percent}% of the base salary); each further member pays "
             "less, from the fifth on {household_bhyt_fifth_yearly} VND a year.",
             "Ask the commune to send the lists of poor and near-poor households and of "
             "newborns on time, so that BHXH issues every card due; give each village the "
             "households without a card to talk to."],
            [("When the list of poor households changes, do the BHYT cards change?",
              "Yes. The commune sends the new list to BHXH so that the people newly on it get "
              "a card, and tells those who left it, so that they buy household BHYT before "
              "their old card expires."),
             ("Why ask for the whole household to be covered?",
              "Covering the whole household costs less from the second member on, and the "
              "whole family is protected when someone falls ill.")]),
        "hnj": (
            "Cov thawj coj thiab tsoom fwv hauv zos: txhua tus neeg muaj daim npav BHYT",
            ["Muaj daim npav BHYT, neeg mus kho mob ntxov, tsis tas muag nyuj muag twm los qiv "
             "nyiaj thaum mob hnyav; tus naj npawb neeg muaj BHYT yog ib lub hom phiaj ntawm "
             "lub zos.",
             "Coob leej muaj daim npav uas tsoom fwv them (tsev neeg txom nyem, yuav luag txom "
             "nyem, haiv neeg tsawg nyob thaj chaw nyuaj heev, menyuam yaus tsis txog 6 "
             "xyoos). Thaum tsev neeg dim txom nyem los lub zos tawm ntawm thaj chaw nyuaj "
             "heev, daim npav ntawd tsum: cov tsev neeg ntawd yuav tsum yuav BHYT tsev neeg "
             "tam sim ntawd.",
             "BHYT tsev neeg: thawj tus them {household_bhyt_first_yearly} nyiaj ib xyoos "
             "({household_bhyt_rate_percent}% ntawm cov nyiaj hli hauv paus); cov tom qab them "
             "tsawg zuj zus, txij tus thib tsib mus them {household_bhyt_fifth_yearly} nyiaj ib "
             "xyoos.",
             "Thov tsoom fwv hauv zos xa cov npe tsev neeg txom nyem, yuav luag txom nyem thiab "
             "menyuam yug tshiab raws sij hawm kom BHXH muab daim npav rau txhua tus; faib rau "
             "txhua lub zos cov tsev neeg tsis tau muaj daim npav."],
            [("Cov npe tsev neeg txom nyem hloov, daim npav BHYT puas hloov?",
              "Hloov. Lub zos xa cov npe tshiab rau BHXH kom muab daim npav rau cov neeg "
              "tshiab, thiab qhia rau cov neeg tsis nyob hauv cov npe lawm kom lawv yuav BHYT "
              "tsev neeg ua ntej daim npav qub tas sij hawm."),
             ("Vim li cas yuav tsum yuav rau tag nrho tsev neeg?",
              "Yuav rau tag nrho tsev neeg, txij tus thib ob mus them tsawg dua, thiab tag "
              "nrho tsev neeg muaj kev tiv thaiv thaum mob.")]),
        "blt": (
            "ꪒꪰꪉ ꪀꪾꪚ ꪎꪱ: ꪋꪴ ꫛ ꪣꪲ ꪵꪖ BHYT",
            ["ꪣꪲ ꪵꪖ BHYT, ꫛ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪼꪫ, ꪹꪚꪱ ꪔꪮꪉ ꪄꪱꪥ ꪫꪺꪥ ꪀꪫꪱꪥ ꪣꪳ ꪹꪊꪚ ꪘꪰꪀ; ꫛ ꪣꪲ "
             "ꪵꪖ BHYT ꪜꪸꪙ ꪶꪎ ꪹꪜꪱ ꪄꪮꪉ ꪎꪱ.",
             "ꫛ ꪨꪱꪥ ꪣꪲ ꪵꪖ ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ ꪻꪬ (ꪹꪭꪙ ꪑꪱꪀ, ꪹꪭꪙ ꪄꪱꪉ ꪑꪱꪀ, ꫛ ꪼꪕ ꪀꪾꪚ ꫛ ꪹꪏꪉ "
             "ꪮꪳꪙ ꪤꪴ ꪚꪮꪙ ꪑꪱꪀ ꪨꪱꪥ, ꪩꪴꪀ ꪙꪮꪥ ꪹꪚꪱ ꪭꪮꪒ 6 ꪜꪲ). ꪣꪳ ꪹꪭꪙ ꪹꪚꪱ ꪑꪱꪀ ꪵꪩꪫ ꪭꪳ ꪎꪱ "
             "ꪮꪮꪀ ꪚꪮꪙ ꪑꪱꪀ ꪨꪱꪥ, ꪵꪖ ꪙꪲ ꪹꪚꪱ ꪻꪋ ꪼꪒ ꪵꪩꪫ: ꪹꪭꪙ ꪙꪲ ꪔꪮꪉ ꪏꪳ BHYT ꪹꪭꪙ ꪼꪫ.",
             "BHYT ꪹꪭꪙ: ꫛ ꪀꪮꪙ ꪎꪸ {household_bhyt_first_yearly} ꪹꪉꪷꪙ ꪋꪴ ꪜꪲ "
             "({household_bhyt_rate_percent}% ꪄꪮꪉ ꪹꪉꪷꪙ ꪹꪚꪙ ꪀꪮꪙ); ꫛ ꪩꪰꪉ ꪎꪸ ꪙꪮꪥ ꪩꪰꪉ, ꪕꪳ "
             "ꫛ ꪕꪲ 5 ꪼꪜ ꪎꪸ {household_bhyt_fifth_yearly} ꪹꪉꪷꪙ ꪋꪴ ꪜꪲ.",
             "ꪎꪱ ꪎꪷꪉ ꪻꪚ ꪋꪳ ꪹꪭꪙ ꪑꪱꪀ, ꪹꪭꪙ ꪄꪱꪉ ꪑꪱꪀ ꪀꪾꪚ ꪩꪴꪀ ꪹꪀꪷꪒ ꪻꪢ ꪻꪬ BHXH ꪼꪫ, BHXH "
             "ꪹꪮꪱ ꪵꪖ ꪻꪬ ꪕꪰꪉ ꪶꪢꪒ; ꪵꪚꪉ ꪻꪬ ꪋꪴ ꪚꪱꪙ ꪹꪭꪙ ꪹꪚꪱ ꪑꪰꪉ ꪣꪲ ꪵꪖ."],
            [("ꪻꪚ ꪋꪳ ꪹꪭꪙ ꪑꪱꪀ ꪜꪸꪙ ꪻꪢ, ꪵꪖ BHYT ꪜꪸꪙ ꪻꪢ ꪭꪳ ꪹꪚꪱ?",
              "ꪜꪸꪙ. ꪎꪱ ꪎꪷꪉ ꪻꪚ ꪋꪳ ꪻꪢ ꪻꪬ BHXH ꪹꪮꪱ ꪵꪖ ꪻꪬ ꫛ ꪻꪢ, ꪵꪩꪫ ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪚꪱ ꪣꪲ ꪋꪳ "
              "ꪏꪳ BHYT ꪹꪭꪙ ꪀꪮꪙ ꪵꪖ ꪹꪀꪱ ꪶꪢꪒ ꪭꪰꪙ."),
             ("ꪨꪲ ꪤꪷ ꪏꪳ ꪻꪬ ꫛ ꪻꪙ ꪹꪭꪙ ꪕꪰꪉ ꪶꪢꪒ?",
              "ꪏꪳ ꪕꪰꪉ ꪹꪭꪙ, ꪕꪳ ꫛ ꪕꪲ 2 ꪼꪜ ꪎꪸ ꪙꪮꪥ ꪩꪰꪉ, ꪀꪾꪚ ꫛ ꪻꪙ ꪹꪭꪙ ꪕꪰꪉ ꪶꪢꪒ ꪣꪲ ꪵꪖ "
              "ꪣꪳ ꪹꪊꪚ.")]),
        "ium": (
            "Gunv jauv nyei mienh: yietc zungv mienh maaih BHYT nyei tex",
            ["Maaih BHYT nyei tex, mienh mun ziouc liemh zanc mingh zorc, maiv zuqc maaic "
             "ngongh fai jaaix nyaanh; maaih BHYT nyei mienh ziex se laangz nyei gong.",
             "Camv mienh maaih hungh jaa cuotv nyaanh nyei tex (biauv zong jomc, fatv jomc, "
             "yiem deic-bung gaan-naanh haic nyei fingx-siex mienh, fu'jueiv maiv gaengh taux 6 "
             "hnyangx). Biauv zong maiv jomc aqv fai laangz cuotv gaan-naanh haic nyei "
             "deic-bung, naaiv norm tex ziouc dingh: naaiv deix biauv zong oix zuqc liemh zanc "
             "maaiz BHYT biauv zong.",
             "BHYT biauv zong: da'yietv dauh cuotv {household_bhyt_first_yearly} nyaanh yietc "
             "hnyangx ({household_bhyt_rate_percent}% gorn gong-zinh); gan nqaang nyei mienh "
             "cuotv gauh siex, da'hmz dauh faaux cuotv {household_bhyt_fifth_yearly} nyaanh "
             "yietc hnyangx.",
             "Tov gunv jauv nyei mienh ziux ziangh hoc fungx biauv zong jomc, fatv jomc caux "
             "siang cuotv seix nyei fu'jueiv nyei mbuox-daan bun BHXH, weic bun yietc zungv "
             "duqv tex; faix bun laangz laangz maiv gaengh maaih tex nyei biauv zong."],
            [("Biauv zong jomc nyei mbuox-daan goiv, BHYT nyei tex yaac goiv fai?",
              "Goiv. Fungx siang mbuox-daan bun BHXH weic bun siang haih duqv nyei mienh duqv "
              "tex, yaac mbuox maiv haih duqv aqv nyei mienh, bun ninh mbuo loz tex maiv gaengh "
              "dangx hnoi maaiz BHYT biauv zong."),
             ("Weic haaix diuc oix maaiz bun yietc biauv zong?",
              "Maaiz bun yietc biauv zong, da'nyeic dauh faaux cuotv gauh siex, yaac yietc "
              "biauv zong mienh mun nyei ziangh hoc maaih tengx.")]),
    }),
    ("authorities", "pupil_bhyt", {
        "vi": (
            "Cấp ủy, chính quyền xã: mọi học sinh có thẻ BHYT",
            ["Học sinh, sinh viên tham gia BHYT qua nhà trường, Nhà nước hỗ trợ một phần; mức "
             "đóng tính theo lương cơ sở ({base_salary} đồng/tháng).",
             "Nhiều em là người dân tộc thiểu số ở vùng đặc biệt khó khăn, thuộc hộ nghèo, cận "
             "nghèo đã có thẻ do Nhà nước đóng: nhà trường và xã đối chiếu danh sách để không "
             "thu trùng, không sót em nào.",
             "Đề nghị xã chỉ đạo nhà trường, trưởng thôn vận động phụ huynh ngay từ đầu năm "
             "học; Hội Khuyến học, doanh nghiệp, nhà hảo tâm có thể tặng thẻ cho học sinh khó "
             "khăn.",
             "Mỗi học kỳ theo dõi tỷ lệ học sinh có thẻ của từng trường."],
            [("Học sinh nghỉ học giữa chừng thì sao?",
              "Thẻ vẫn dùng được đến ngày hết hạn; sau đó gia đình mua BHYT hộ gia đình cho "
              "em."),
             ("Phụ huynh không đủ tiền đóng một lần?",
              "Nhà trường có thể thu theo đợt; xã và các đoàn thể vận động hỗ trợ học sinh khó "
              "khăn.")]),
        "en": (
            "Party committees and local authorities: a BHYT card for every pupil",
            ["Pupils and students join BHYT through their school, and the state pays part; the "
             "contribution is reckoned on the base salary ({base_salary} VND a month).",
             "Many pupils are ethnic minorities in especially difficult areas or belong to poor "
             "or near-poor households, and already hold a card the state pays for: the school "
             "and the commune compare their lists so that nobody pays twice and nobody is "
             "missed.",
             "Ask the commune to have schools and village heads talk to parents from the start "
             "of the school year; the study-promotion association, businesses and donors can "
             "give cards to pupils in hardship.",
             "Each term, follow the share of pupils with a card in every school."],
            [("What if a pupil drops out during the year?",
              "The card stays valid until it expires; then the family buys household BHYT for "
              "the child."),
             ("Parents cannot pay all at once.",
              "The school can collect in instalments; the commune and mass organisations raise "
              "help for pupils in hardship.")]),
        "hnj": (
            "Cov thawj coj thiab tsoom fwv hauv zos: txhua tus tub ntxhais kawm ntawv muaj "
            "daim npav BHYT",
            ["Tub ntxhais kawm ntawv koom BHYT ntawm tsev kawm ntawv, tsoom fwv pab ib feem; "
             "tus nqi them suav raws cov nyiaj hli hauv paus ({base_salary} nyiaj ib hlis).",
             "Coob tus yog haiv neeg tsawg nyob thaj chaw nyuaj heev, los yog tsev neeg txom "
             "nyem, yuav luag txom nyem, twb muaj daim npav uas tsoom fwv them: tsev kawm ntawv "
             "thiab lub zos muab cov npe los saib kom tsis txhob them ob zaug thiab tsis txhob "
             "tseg ib tug twg.",
             "Thov tsoom fwv hauv zos hais kom tsev kawm ntawv thiab cov thawj zos txhawb niam "
             "txiv txij thaum pib xyoo kawm ntawv; cov pawg, cov tuam txhab thiab cov neeg siab "
             "zoo pab tau daim npav rau cov menyuam txom nyem.",
             "Txhua ntu kawm, saib txhua lub tsev kawm ntawv muaj pes tsawg tus menyuam muaj "
             "daim npav."],
            [("Menyuam tso kev kawm tseg ib nrab xyoo ne?",
              "Daim npav tseem siv tau txog hnub tas sij hawm; tom qab ntawd tsev neeg yuav BHYT "
              "tsev neeg rau nws."),
             ("Niam txiv tsis muaj nyiaj txaus them ib zaug?",
              "Tsev kawm ntawv sau tau ua ntu; lub zos thiab cov pawg txhawb kev pab rau cov "
              "menyuam txom nyem.")]),
        "blt": (
            "ꪒꪰꪉ ꪀꪾꪚ ꪎꪱ: ꪋꪴ ꫛ ꪭꪸꪙ ꪎꪳ ꪣꪲ ꪵꪖ BHYT",
            ["ꫛ ꪭꪸꪙ ꪎꪳ ꪒꪰꪉ ꪀꪲ BHYT ꪔꪱꪣ ꪹꪭꪙ ꪭꪸꪙ, ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ ꪀꪷꪙ ꪙꪳꪉ; ꪹꪉꪷꪙ ꪎꪸ ꪔꪱꪣ "
             "ꪹꪉꪷꪙ ꪹꪚꪙ ꪀꪮꪙ ({base_salary} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ).",
             "ꫛ ꪭꪸꪙ ꪎꪳ ꪨꪱꪥ ꫛ ꪜꪸꪙ ꫛ ꪹꪤꪷꪙ ꪶꪕꪀ ꪙꪮꪥ ꪤꪴ ꪚꪮꪙ ꪑꪱꪀ ꪨꪱꪥ, ꪭꪳ ꪹꪭꪙ ꪑꪱꪀ, "
             "ꪹꪭꪙ ꪄꪱꪉ ꪑꪱꪀ, ꪣꪲ ꪵꪖ ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ ꪻꪬ ꪵꪩꪫ: ꪹꪭꪙ ꪭꪸꪙ ꪀꪾꪚ ꪎꪱ ꪹꪚꪷꪉ ꪻꪚ ꪋꪳ ꪹꪚꪱ "
             "ꪻꪬ ꪎꪸ ꪎꪮꪉ ꪖꪷꪉ, ꪹꪚꪱ ꪻꪬ ꪄꪱꪒ ꫛ ꪻꪒ.",
             "ꪎꪱ ꪹꪫꪱ ꪻꪬ ꪹꪭꪙ ꪭꪸꪙ ꪀꪾꪚ ꪹꪊꪱ ꪚꪱꪙ ꪹꪫꪱ ꪻꪬ ꪜꪷ ꪵꪣ ꪭꪴ ꪕꪳ ꪀꪮꪙ ꪜꪲ ꪭꪸꪙ; ꪭꪺꪣ "
             "ꪕꪰꪉ ꪶꪢꪒ, ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪾꪚ ꫛ ꪻꪊ ꪒꪲ ꪏꪺꪥ ꪵꪖ ꪻꪬ ꫛ ꪭꪸꪙ ꪎꪳ ꪑꪱꪀ ꪼꪒ.",
             "ꪋꪴ ꪹꪖꪷ ꪭꪸꪙ, ꪹꪚꪷꪉ ꪋꪴ ꪹꪭꪙ ꪭꪸꪙ ꪣꪲ ꪀꪲ ꫛ ꪭꪸꪙ ꪎꪳ ꪣꪲ ꪵꪖ."],
            [("ꫛ ꪭꪸꪙ ꪎꪳ ꪹꪚꪱ ꪭꪸꪙ ꪵꪩꪫ ꪩꪱꪉ ꪜꪲ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪵꪖ ꪑꪰꪉ ꪻꪋ ꪼꪒ ꪭꪮꪒ ꪣꪳ ꪶꪢꪒ ꪭꪰꪙ; ꪩꪰꪉ ꪙꪲ ꪹꪭꪙ ꪏꪳ BHYT ꪹꪭꪙ ꪻꪬ ꪩꪴꪀ."),
             ("ꪜꪷ ꪵꪣ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪎꪸ ꪣꪳ ꪹꪒꪸꪫ?",
              "ꪹꪭꪙ ꪭꪸꪙ ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪜꪸꪙ ꪖꪷꪉ ꪼꪒ; ꪎꪱ ꪀꪾꪚ ꪭꪺꪣ ꪕꪰꪉ ꪶꪢꪒ ꪏꪺꪥ ꫛ ꪭꪸꪙ ꪎꪳ "
              "ꪑꪱꪀ.")]),
        "ium": (
            "Gunv jauv nyei mienh: yietc zungv horqc saeng maaih BHYT nyei tex",
            ["Horqc saeng yiem horqc dorngh bieqc BHYT, hungh jaa tengx yietc deix; cuotv "
             "nyaanh ziux gorn gong-zinh ({base_salary} nyaanh yietc hlaax) funx.",
             "Camv horqc saeng se yiem deic-bung gaan-naanh haic nyei fingx-siex mienh, fai "
             "biauv zong jomc, fatv jomc, maaih hungh jaa cuotv nyaanh nyei tex aqv: horqc "
             "dorngh caux laangz mangc mbuox-daan, maiv bun cuotv i nzunc, yaac maiv bun leih "
             "haaix dauh.",
             "Tov gunv jauv nyei mienh mbuox horqc dorngh caux laangz-ziouv yiem horqc hnyangx "
             "gorn tengx gorngv bun die-maa hiuv; wuic, gong-ziouv caux hnyouv longx nyei "
             "mienh haih tengx gaan-naanh nyei horqc saeng maaiz tex.",
             "Yietc buonc horqc hnyangx yietc nzunc, mangc horqc dorngh horqc dorngh maaih tex "
             "nyei horqc saeng maaih ziex."],
            [("Horqc saeng horqc yietc buonc ziouc guangc, oix hnangv haaix nor?",
              "Tex corc longc duqv taux dangx hnoi; nqa'haav biauv zong maaiz BHYT biauv zong "
              "bun ninh."),
             ("Die-maa maiv maaih nyaanh yietc nzunc cuotv nzengc?",
              "Horqc dorngh haih faix nzunc siou; laangz caux wuic tengx gaan-naanh nyei horqc "
              "saeng.")]),
    }),
    ("authorities", "mandatory_bhxh", {
        "vi": (
            "Cấp ủy, chính quyền xã: người lao động trên địa bàn được đóng BHXH đủ",
            ["Doanh nghiệp, hợp tác xã, hộ kinh doanh thuê người làm theo hợp đồng lao động "
             "phải đóng BHXH, BHYT, bảo hiểm thất nghiệp cho họ theo tỷ lệ luật định.",
             "Chậm đóng, trốn đóng làm người lao động mất chế độ ốm đau, thai sản, tai nạn lao "
             "động và lương hưu; khi họ gặp khó khăn, địa phương phải gánh.",
             "Đề nghị xã nắm danh sách doanh nghiệp, hợp tác xã, công trình trên địa bàn; phối "
             "hợp với BHXH tổ chức đối thoại với chủ sử dụng lao động.",
             "Nhắc người lao động đi làm xa tự kiểm tra việc đóng BHXH của mình trên VssID."],
            [("Hộ kinh doanh nhỏ có phải đóng không?",
              "Nếu thuê người làm theo hợp đồng lao động thuộc diện bắt buộc thì phải đóng; cán "
              "bộ BHXH hướng dẫn từng trường hợp."),
             ("Phát hiện doanh nghiệp nợ BHXH thì làm gì?",
              "Báo BHXH để đôn đốc, kiểm tra; người lao động tự xem được trên VssID tháng nào "
              "chưa được đóng.")]),
        "en": (
            "Party committees and local authorities: every employee in the commune fully "
            "insured",
            ["Businesses, cooperatives and household businesses that employ people on a labour "
             "contract must pay BHXH, BHYT and unemployment insurance for them at the rates "
             "the law sets.",
             "Late or unpaid contributions cost workers their sickness, maternity, work-accident "
             "and pension benefits; when they fall on hard times, the locality bears it.",
             "Ask the commune to keep a list of the businesses, cooperatives and building sites "
             "in its area, and to hold dialogues with employers together with BHXH.",
             "Remind people working far away to check their own BHXH contributions on VssID."],
            [("Does a small household business have to pay?",
              "If it employs people on a labour contract that falls under the mandatory "
              "scheme, yes; the BHXH officer advises on each case."),
             ("What if we find a business owing BHXH contributions?",
              "Tell BHXH, which follows it up and inspects; workers can see on VssID which "
              "months were not paid.")]),
        "hnj": (
            "Cov thawj coj thiab tsoom fwv hauv zos: cov neeg ua haujlwm hauv zos muaj BHXH puv",
            ["Cov tuam txhab, cov koom haum thiab cov tsev neeg ua lag luam uas ntiav neeg ua "
             "haujlwm muaj daim ntawv cog lus yuav tsum them BHXH, BHYT thiab pov hwm poob "
             "haujlwm rau lawv raws li txoj cai.",
             "Them qeeb los tsis them ua rau neeg ua haujlwm poob nyiaj pab thaum mob, thaum "
             "yug menyuam, thaum raug xwm txheej ua haujlwm thiab nyiaj laus; thaum lawv muaj "
             "teeb meem, lub zos yuav tsum ris.",
             "Thov tsoom fwv hauv zos paub cov npe tuam txhab, koom haum thiab chaw ua haujlwm "
             "hauv zos; nrog BHXH sib tham nrog cov tswv ntiav.",
             "Ceeb toom cov neeg mus ua haujlwm deb kom saib lawv cov BHXH hauv VssID."],
            [("Tsev neeg ua lag luam me puas yuav tsum them?",
              "Yog ntiav neeg ua haujlwm muaj daim ntawv cog lus raws li txoj cai yuav tsum "
              "koom, ces yuav tsum them; tus neeg ua haujlwm BHXH qhia txhua yam."),
             ("Pom tuam txhab tshuav BHXH yuav ua li cas?",
              "Qhia rau BHXH kom lawv saib thiab nias; neeg ua haujlwm saib tau hauv VssID tias "
              "lub hli twg tsis tau them.")]),
        "blt": (
            "ꪒꪰꪉ ꪀꪾꪚ ꪎꪱ: ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪻꪙ ꪎꪱ ꪼꪒ ꪎꪸ BHXH ꪕꪰꪉ ꪶꪢꪒ",
            ["ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ, ꪭꪺꪣ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪾꪚ ꪹꪭꪙ ꪄꪱꪥ ꪄꪮꪉ ꪬꪱ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪣꪲ ꪻꪚ "
             "ꪎꪰꪑꪱ ꪔꪮꪉ ꪎꪸ BHXH, BHYT ꪀꪾꪚ BHTN ꪻꪬ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪔꪱꪣ ꪀꪷꪒ ꪹꪣꪉ.",
             "ꪎꪸ ꪋꪱ ꪭꪳ ꪹꪚꪱ ꪎꪸ, ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪚꪱ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ ꪣꪳ ꪹꪊꪚ, ꪣꪳ ꪮꪮꪀ ꪩꪴꪀ, ꪣꪳ "
             "ꪹꪊꪚ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪾꪚ ꪹꪉꪷꪙ ꪹꪖꪱ; ꪎꪱ ꪔꪮꪉ ꪏꪺꪥ ꪣꪳ ꪣꪲ ꪁꪫꪱꪣ ꪑꪱꪀ.",
             "ꪎꪱ ꪭꪴ ꪻꪚ ꪋꪳ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪻꪙ ꪎꪱ; ꪀꪾꪚ BHXH ꪹꪮꪱ ꪹꪋꪱ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪣꪱ "
             "ꪭꪮꪚ ꪹꪫꪱ.",
             "ꪹꪫꪱ ꪻꪬ ꫛ ꪼꪜ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪀ ꪹꪚꪷꪉ BHXH ꪻꪙ VssID."],
            [("ꪹꪭꪙ ꪄꪱꪥ ꪄꪮꪉ ꪙꪮꪥ ꪔꪮꪉ ꪎꪸ ꪭꪳ ꪹꪚꪱ?",
              "ꪖꪱ ꪬꪱ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪣꪲ ꪻꪚ ꪎꪰꪑꪱ ꪔꪱꪣ ꪀꪷꪒ, ꪔꪮꪉ ꪎꪸ; ꪀꪱꪙ ꪶꪛ BHXH ꪹꪫꪱ ꪻꪬ ꪭꪴ "
              "ꪋꪴ ꪹꪭꪙ."),
             ("ꪬꪱ ꪹꪬꪸꪙ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪚꪱ ꪎꪸ BHXH, ꪹꪤꪸꪒ ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪹꪫꪱ ꪻꪬ BHXH ꪣꪱ ꪹꪚꪷꪉ; ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪚꪷꪉ ꪻꪙ VssID ꪼꪒ ꪹꪚꪙ ꪻꪒ ꪹꪚꪱ ꪑꪰꪉ "
              "ꪎꪸ.")]),
        "ium": (
            "Gunv jauv nyei mienh: laangz nyei gong-mienh duqv cuotv BHXH buang",
            ["Gong-ziouv, gapv gong nyei wuic caux maaic ga'naaiv nyei biauv zong, ceng mienh "
             "zoux gong maaih ngaengc waac nyei ceh, oix zuqc ziux leiz cuotv BHXH, BHYT caux "
             "BHTN bun ninh mbuo.",
             "Cuotv nqa'haav fai maiv cuotv, gong-mienh ziouc maiv duqv mun, yungz fu'jueiv, "
             "zoux gong zuqc siev nyei tengx caux gox zanc nyei nyaanh; ninh mbuo maaih "
             "gaan-naanh nyei ziangh hoc, laangz oix zuqc tengx.",
             "Tov gunv jauv nyei mienh hiuv laangz gu'nyuoz nyei gong-ziouv caux zoux gong "
             "dorngx; caux BHXH tov gong-ziouv daaih gorngv waac.",
             "Mbuox mingh go zoux gong nyei mienh yiem VssID mangc ganh nyei BHXH."],
            [("Maaic ga'naaiv nyei biauv zong oix zuqc cuotv fai?",
              "Se gorngv ceng mienh zoux gong maaih ngaengc waac nyei ceh, ziux leiz oix zuqc "
              "bieqc, ziouc oix zuqc cuotv; BHXH nyei gaanv bou njaaux dauh dauh."),
             ("Buatc gong-ziouv zaaic BHXH nyei nyaanh, oix hnangv haaix nor?",
              "Mbuox BHXH daaih mangc caux zorc; gong-mienh yiem VssID ganh mangc duqv haaix "
              "hlaax maiv gaengh cuotv.")]),
    }),
    ("authorities", "pensions", {
        "vi": (
            "Cấp ủy, chính quyền xã: người cao tuổi được trợ cấp hưu trí xã hội",
            ["Người từ đủ 75 tuổi không có lương hưu hay trợ cấp BHXH hằng tháng được nhận trợ "
             "cấp hưu trí xã hội {social_pension} đồng/tháng và thẻ BHYT miễn phí; người thuộc "
             "hộ nghèo, cận nghèo được xét từ tuổi thấp hơn theo quy định.",
             "Ủy ban nhân dân xã lập danh sách, nhận hồ sơ và đề nghị chi trả: rà soát từng "
             "thôn, bản để không ai bị sót.",
             "Trợ cấp chỉ là mức tối thiểu: vận động người trong tuổi lao động đóng BHXH tự "
             "nguyện để về già có lương hưu.",
             "Khi người hưởng mất, nhắc gia đình báo để làm thủ tục hỗ trợ mai táng."],
            [("Người đã có lương hưu có được trợ cấp hưu trí xã hội không?",
              "Không. Trợ cấp dành cho người cao tuổi không có lương hưu hoặc trợ cấp BHXH hằng "
              "tháng."),
             ("Người cao tuổi ở xa, đi lại khó khăn thì nhận tiền thế nào?",
              "Có thể nhận qua tài khoản ngân hàng, qua bưu điện hoặc qua người được ủy quyền; "
              "xã và BHXH hướng dẫn từng trường hợp.")]),
        "en": (
            "Party committees and local authorities: the social pension for the elderly",
            ["People aged 75 and over with no pension or monthly BHXH allowance receive a "
             "social pension of {social_pension} VND a month and a free BHYT card; people of "
             "poor and near-poor households qualify younger, as the rules say.",
             "The commune People's Committee draws up the list, takes the applications and "
             "asks for payment: go through every village so that nobody is missed.",
             "The social pension is a minimum: encourage people of working age to pay voluntary "
             "BHXH so that they have a pension in old age.",
             "When a recipient dies, remind the family to report it so that the funeral "
             "support is paid."],
            [("Can someone who already has a pension get the social pension?",
              "No. It is for elderly people with no pension or monthly BHXH allowance."),
             ("How do elderly people who live far away and can hardly travel get the money?",
              "Through a bank account, at the post office or through someone they authorise; "
              "the commune and BHXH advise on each case.")]),
        "hnj": (
            "Cov thawj coj thiab tsoom fwv hauv zos: cov neeg laus tau nyiaj pab neeg laus",
            ["Cov neeg muaj 75 xyoos rov saud uas tsis muaj nyiaj laus los nyiaj pab BHXH "
             "txhua hli tau nyiaj pab neeg laus {social_pension} nyiaj ib hlis thiab daim npav "
             "BHYT dawb; cov neeg hauv tsev neeg txom nyem, yuav luag txom nyem tau thaum hluas "
             "dua raws li txoj cai.",
             "Tsoom fwv hauv zos sau cov npe, txais cov ntaub ntawv thiab thov them: saib txhua "
             "lub zos kom tsis txhob tseg leej twg.",
             "Cov nyiaj pab no tsuas yog me ntsis xwb: txhawb cov neeg tseem ua tau haujlwm kom "
             "koom BHXH yeem koom kom thaum laus muaj nyiaj laus.",
             "Thaum tus neeg tau nyiaj pab tuag, ceeb toom tsev neeg kom qhia los ua ntaub "
             "ntawv nyiaj pab faus neeg tuag."],
            [("Tus neeg twb muaj nyiaj laus puas tau nyiaj pab neeg laus?",
              "Tsis tau. Cov nyiaj pab no yog rau cov neeg laus uas tsis muaj nyiaj laus los "
              "nyiaj pab BHXH txhua hli."),
             ("Neeg laus nyob deb, mus los nyuaj, yuav txais nyiaj li cas?",
              "Txais tau hauv tsev txhab nyiaj, ntawm lub chaw xa ntawv los ib tus neeg uas "
              "lawv tso cai; lub zos thiab BHXH qhia txhua yam.")]),
        "blt": (
            "ꪒꪰꪉ ꪀꪾꪚ ꪎꪱ: ꫛ ꪹꪖꪱ ꪼꪒ ꪹꪉꪷꪙ ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ ꫛ ꪹꪖꪱ",
            ["ꫛ ꪕꪳ 75 ꪜꪲ ꪼꪜ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ ꪭꪳ ꪹꪉꪷꪙ ꪏꪺꪥ BHXH ꪋꪴ ꪹꪚꪙ ꪼꪒ ꪹꪉꪷꪙ ꪚꪱꪙ "
             "ꪹꪣꪉ ꪏꪺꪥ ꫛ ꪹꪖꪱ {social_pension} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ ꪀꪾꪚ ꪵꪖ BHYT ꪹꪚꪱ ꪎꪸ ꪹꪉꪷꪙ; ꫛ "
             "ꪹꪭꪙ ꪑꪱꪀ, ꪹꪭꪙ ꪄꪱꪉ ꪑꪱꪀ ꪼꪒ ꪕꪳ ꪜꪲ ꪙꪮꪥ ꪀꪺ ꪔꪱꪣ ꪀꪷꪒ.",
             "ꪎꪱ ꪵꪔꪣ ꪻꪚ ꪋꪳ, ꪹꪀꪸꪚ ꪻꪚ ꪀꪾꪚ ꪖꪱꪣ ꪹꪮꪱ ꪹꪉꪷꪙ: ꪹꪚꪷꪉ ꪋꪴ ꪚꪱꪙ ꪹꪚꪱ ꪻꪬ ꪄꪱꪒ ꫛ "
             "ꪻꪒ.",
             "ꪹꪉꪷꪙ ꪙꪲ ꪙꪮꪥ: ꪹꪫꪱ ꪻꪬ ꫛ ꪑꪰꪉ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪒ ꪒꪰꪉ ꪀꪲ BHXH ꪕꪳ ꪉꪫꪸꪙ, ꪵꪩꪫ ꪣꪳ "
             "ꪹꪖꪱ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ.",
             "ꪣꪳ ꫛ ꪼꪒ ꪹꪉꪷꪙ ꪔꪱꪥ, ꪹꪫꪱ ꪻꪬ ꪹꪭꪙ ꪣꪱ ꪒꪰꪉ ꪀꪲ ꪹꪮꪱ ꪹꪉꪷꪙ ꪎꪷꪉ ꫛ ꪔꪱꪥ."],
            [("ꫛ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ ꪵꪩꪫ ꪼꪒ ꪹꪉꪷꪙ ꪙꪲ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪼꪒ. ꪹꪉꪷꪙ ꪙꪲ ꪻꪬ ꫛ ꪹꪖꪱ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ ꪭꪳ ꪹꪉꪷꪙ ꪏꪺꪥ BHXH ꪋꪴ ꪹꪚꪙ."),
             ("ꫛ ꪹꪖꪱ ꪤꪴ ꪼꪀ, ꪼꪜ ꪣꪱ ꪑꪱꪀ, ꪹꪮꪱ ꪹꪉꪷꪙ ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪹꪮꪱ ꪼꪒ ꪔꪱꪣ ꪹꪭꪙ ꪹꪀꪸꪚ ꪹꪉꪷꪙ, ꪹꪭꪙ ꪎꪷꪉ ꪻꪚ ꪭꪳ ꫛ ꪹꪭꪙ ꪼꪜ ꪹꪮꪱ ꪻꪬ; ꪎꪱ ꪀꪾꪚ "
              "BHXH ꪹꪫꪱ ꪻꪬ ꪭꪴ.")]),
        "ium": (
            "Gunv jauv nyei mienh: mienh gox duqv hungh jaa tengx mienh gox nyei nyaanh",
            ["75 hnyangx faaux maiv maaih gox zanc nyei nyaanh fai hlaax hlaax BHXH tengx nyei "
             "nyaanh nyei mienh, duqv hungh jaa tengx mienh gox nyei nyaanh {social_pension} "
             "nyaanh yietc hlaax caux maiv longc cuotv nyaanh nyei BHYT tex; biauv zong jomc, "
             "fatv jomc nyei mienh ziux leiz hnyangx gauh lunx duqv.",
             "Laangz fiev mbuox-daan, zipv sou caux tov cuotv nyaanh: mangc laangz laangz, "
             "maiv bun leih haaix dauh.",
             "Naaiv deix nyaanh siex: tov corc haih zoux gong nyei mienh bieqc BHXH ganh oix "
             "bieqc, gox zanc ziouc maaih gox zanc nyei nyaanh.",
             "Zipv nyaanh nyei mienh daic mi'aqv, mbuox biauv zong daaih fiev sou zipv zangx "
             "mienh nyei nyaanh."],
            [("Maaih gox zanc nyei nyaanh nyei mienh, haih duqv naaiv deix nyaanh fai?",
              "Maiv duqv. Naaiv deix nyaanh kungx bun maiv maaih gox zanc nyei nyaanh fai "
              "hlaax hlaax BHXH tengx nyei nyaanh nyei mienh gox."),
             ("Mienh gox yiem go, mingh daaih gaan-naanh, hnangv haaix nor zipv nyaanh?",
              "Haih yiem nyaanh-biauv nyei sou zipv, yiem fungx sou dorngx zipv fai bun ninh "
              "tov nyei mienh mingh zipv; laangz caux BHXH njaaux dauh dauh.")]),
    }),
    ("employers", "mandatory_bhxh", {
        "vi": (
            "Chủ sử dụng lao động và người lao động: đóng BHXH bắt buộc đúng, đủ",
            ["Người làm việc theo hợp đồng lao động phải tham gia BHXH, BHYT, bảo hiểm thất "
             "nghiệp; doanh nghiệp đóng phần của mình và trích phần của người lao động từ tiền "
             "lương, theo tỷ lệ luật định.",
             "Người lao động được hưởng chế độ ốm đau, thai sản, tai nạn lao động, bệnh nghề "
             "nghiệp, hưu trí và tử tuất; gia đình yên tâm khi họ gặp rủi ro.",
             "Đóng đúng, đủ giúp doanh nghiệp giữ được người lao động, tránh bị phạt và truy "
             "thu.",
             "Báo tăng, giảm lao động và nộp tiền qua cổng dịch vụ công của BHXH; người lao "
             "động tự xem quá trình đóng trên VssID."],
            [("Lao động thời vụ, làm theo mùa có phải đóng không?",
              "Có hợp đồng lao động thuộc diện bắt buộc theo quy định thì phải đóng. Người "
              "không thuộc diện bắt buộc có thể tham gia BHXH tự nguyện và BHYT hộ gia đình."),
             ("Doanh nghiệp khó khăn, chậm đóng vài tháng có sao không?",
              "Chậm đóng phải nộp thêm tiền lãi và có thể bị phạt; người lao động có thể bị "
              "gián đoạn quyền lợi. Hãy báo BHXH sớm để được hướng dẫn."),
             ("Người lao động không đọc được giấy tờ tiếng Việt?",
              "Cán bộ BHXH có thể giải thích bằng tiếng Mông, Thái, Dao; doanh nghiệp nên mời "
              "một buổi tư vấn tại nơi làm việc.")]),
        "en": (
            "Employers and employees: mandatory BHXH paid right and in full",
            ["Everyone working on a labour contract must be covered by BHXH, BHYT and "
             "unemployment insurance; the business pays its share and deducts the employee's "
             "from the wage, at the rates the law sets.",
             "Employees are covered for sickness, maternity, work accidents, occupational "
             "disease, retirement and death; their families need not fear the worst.",
             "Paying right and in full helps a business keep its workers and avoid fines and "
             "back payments.",
             "Report staff joining and leaving and pay through BHXH's online public services; "
             "employees see their contributions on VssID."],
            [("Do seasonal workers have to be covered?",
              "If their labour contract falls under the mandatory scheme, yes. People outside "
              "it can join voluntary BHXH and household BHYT."),
             ("The business is struggling: does it matter if we pay a few months late?",
              "Late payment carries interest and may be fined, and employees may lose cover "
              "for a while. Tell BHXH early and ask for advice."),
             ("Our workers cannot read papers in Vietnamese.",
              "BHXH officers can explain in Mông, Thái and Dao; invite them for an advice "
              "session at the workplace.")]),
        "hnj": (
            "Tswv ntiav thiab neeg ua haujlwm: them BHXH yuav tsum koom kom raug thiab puv",
            ["Cov neeg ua haujlwm muaj daim ntawv cog lus yuav tsum koom BHXH, BHYT thiab pov "
             "hwm poob haujlwm; tuam txhab them nws feem thiab txiav neeg ua haujlwm feem ntawm "
             "nyiaj hli, raws li txoj cai.",
             "Neeg ua haujlwm tau nyiaj pab thaum mob, thaum yug menyuam, thaum raug xwm "
             "txheej los mob vim ua haujlwm, nyiaj laus thiab nyiaj pab thaum tuag; tsev neeg "
             "tsis txhawj thaum muaj xwm txheej.",
             "Them raug thiab puv pab tuam txhab khaws tau neeg ua haujlwm thiab tsis raug "
             "nplua los raug sau rov qab.",
             "Qhia thaum muaj neeg tshiab los neeg tawm, thiab them nyiaj ntawm lub vev xaib "
             "pab pej xeem ntawm BHXH; neeg ua haujlwm saib tau lawv cov nyiaj tau them hauv "
             "VssID."],
            [("Neeg ua haujlwm raws caij nyoog puas yuav tsum them?",
              "Yog muaj daim ntawv cog lus uas txoj cai hais tias yuav tsum koom, ces yuav tsum "
              "them. Cov neeg tsis yuav tsum koom tuaj yeem koom BHXH yeem koom thiab BHYT tsev "
              "neeg."),
             ("Tuam txhab muaj teeb meem, them qeeb ob peb hlis puas ua li cas?",
              "Them qeeb yuav tsum them paj ntxiv thiab tej zaum raug nplua; neeg ua haujlwm "
              "tej zaum poob kev pab ib ntus. Qhia rau BHXH ntxov kom lawv qhia koj."),
             ("Neeg ua haujlwm nyeem tsis tau ntawv Nyab Laj?",
              "Neeg ua haujlwm BHXH piav tau ua lus Hmoob, lus Tai thiab lus Mien; tuam txhab "
              "caw tau lawv tuaj piav ntawm chaw ua haujlwm.")]),
        "blt": (
            "ꪹꪋꪱ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪾꪚ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ: ꪎꪸ BHXH ꪚꪰꪒ ꪛꪺꪀ ꪔꪮꪉ ꪀꪾꪚ ꪕꪰꪉ ꪶꪢꪒ",
            ["ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪣꪲ ꪻꪚ ꪎꪰꪑꪱ ꪔꪮꪉ ꪒꪰꪉ ꪀꪲ BHXH, BHYT ꪀꪾꪚ BHTN; ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪎꪸ "
             "ꪀꪷꪙ ꪄꪮꪉ ꪕꪳ ꪀꪾꪚ ꪹꪮꪱ ꪀꪷꪙ ꪄꪮꪉ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪮꪮꪀ ꪹꪉꪷꪙ ꪹꪚꪙ, ꪔꪱꪣ ꪀꪷꪒ ꪹꪣꪉ.",
             "ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ ꪣꪳ ꪹꪊꪚ, ꪣꪳ ꪮꪮꪀ ꪩꪴꪀ, ꪣꪳ ꪹꪊꪚ ꪹꪤꪸꪒ ꪫꪸꪀ, ꪹꪉꪷꪙ ꪹꪖꪱ "
             "ꪀꪾꪚ ꪹꪉꪷꪙ ꪎꪷꪉ ꫛ ꪔꪱꪥ; ꪹꪭꪙ ꪻꪊ ꪒꪲ ꪣꪳ ꪣꪲ ꪁꪫꪱꪣ ꪑꪱꪀ.",
             "ꪎꪸ ꪔꪮꪉ ꪀꪾꪚ ꪕꪰꪉ ꪶꪢꪒ ꪏꪺꪥ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪀꪸꪚ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪻꪫ ꪼꪒ, ꪹꪚꪱ ꪔꪮꪉ "
             "ꪎꪸ ꪹꪉꪷꪙ ꪠꪲꪒ.",
             "ꪹꪫꪱ ꪻꪬ BHXH ꪣꪳ ꪣꪲ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪻꪢ ꪭꪳ ꫛ ꪮꪮꪀ, ꪀꪾꪚ ꪎꪸ ꪹꪉꪷꪙ ꪔꪱꪣ ꪘꪱ ꪄꪮꪉ BHXH; "
             "ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪚꪷꪉ ꪹꪉꪷꪙ ꪎꪸ ꪵꪩꪫ ꪻꪙ VssID."],
            [("ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪔꪱꪣ ꪹꪖꪷ ꪔꪮꪉ ꪎꪸ ꪭꪳ ꪹꪚꪱ?",
              "ꪖꪱ ꪣꪲ ꪻꪚ ꪎꪰꪑꪱ ꪔꪱꪣ ꪀꪷꪒ ꪔꪮꪉ ꪒꪰꪉ ꪀꪲ, ꪔꪮꪉ ꪎꪸ. ꫛ ꪹꪚꪱ ꪔꪮꪉ ꪒꪰꪉ ꪀꪲ ꪒꪰꪉ ꪀꪲ "
              "BHXH ꪕꪳ ꪉꪫꪸꪙ ꪀꪾꪚ BHYT ꪹꪭꪙ ꪼꪒ."),
             ("ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪑꪱꪀ, ꪎꪸ ꪋꪱ ꪎꪮꪉ ꪎꪱꪣ ꪹꪚꪙ ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪎꪸ ꪋꪱ ꪔꪮꪉ ꪎꪸ ꪹꪉꪷꪙ ꪻꪎ ꪀꪾꪚ ꪀꪷ ꪎꪸ ꪹꪉꪷꪙ ꪠꪲꪒ; ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪷ ꪹꪚꪱ ꪼꪒ ꪹꪉꪷꪙ "
              "ꪏꪺꪥ. ꪹꪫꪱ ꪻꪬ BHXH ꪼꪫ."),
             ("ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪮꪱꪙ ꪎꪳ ꪵꪀꪫ ꪹꪚꪱ ꪼꪒ?",
              "ꪀꪱꪙ ꪶꪛ BHXH ꪹꪫꪱ ꪁꪫꪱꪣ ꪣꪷꪉ, ꪁꪫꪱꪣ ꪼꪕ, ꪁꪫꪱꪣ ꪤꪱꪫ ꪼꪒ; ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪖꪱꪣ "
              "ꪀꪱꪙ ꪶꪛ ꪣꪱ ꪹꪫꪱ ꪻꪬ ꪭꪴ ꪻꪙ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ.")]),
        "ium": (
            "Gong-ziouv caux gong-mienh: oix zuqc bieqc nyei BHXH cuotv horpc, cuotv buang",
            ["Maaih ngaengc waac ceh zoux gong nyei mienh oix zuqc bieqc BHXH, BHYT caux "
             "BHTN; gong-ziouv cuotv ganh nyei buonc, yaac yiem gong-zinh gu'nyuoz zorqv "
             "gong-mienh nyei buonc, ziux leiz.",
             "Gong-mienh mun, yungz fu'jueiv, zoux gong zuqc siev fai cuotv baengc, gox zanc "
             "caux daic mi'aqv, duqv tengx; maaih sic nyei ziangh hoc, biauv zong maiv zuqc "
             "nzauh.",
             "Cuotv horpc, cuotv buang, gong-ziouv louc duqv gong-mienh, maiv zuqc faqv nyaanh "
             "fai zuqc aengx siou.",
             "Maaih siang gong-mienh fai cuotv mingh nyei mienh, mbuox BHXH, yaac ziux BHXH "
             "nyei jauv cuotv nyaanh; gong-mienh yiem VssID mangc ganh cuotv jiex nyei "
             "nyaanh."],
            [("Ziux ziangh hoc zoux gong nyei gong-mienh oix zuqc cuotv fai?",
              "Se gorngv maaih ziux leiz oix zuqc bieqc nyei ngaengc waac ceh, oix zuqc cuotv. "
              "Maiv zuqc bieqc nyei mienh haih bieqc BHXH ganh oix bieqc caux BHYT biauv zong."),
             ("Gong-ziouv gaan-naanh, nqa'haav i, faam hlaax cuotv, maaih haaix nyungc?",
              "Cuotv nqa'haav oix zuqc jaa cuotv leiv nyaanh, yaac haih zuqc faqv; gong-mienh "
              "haih maiv duqv tengx. Liemh zanc mbuox BHXH."),
             ("Gong-mienh maiv hiuv doqc Yietv Namh sou?",
              "BHXH nyei gaanv bou haih longc Hmongz waac, Taiv waac, Mienh waac gorngv; "
              "gong-ziouv haih tov ninh mbuo daaih zoux gong dorngx gorngv.")]),
    }),
    ("employers", "unemployment", {
        "vi": (
            "Bảo hiểm thất nghiệp: đỡ đần người lao động khi mất việc",
            ["Người lao động có hợp đồng lao động được doanh nghiệp đóng bảo hiểm thất nghiệp "
             "(BHTN) cùng với BHXH, BHYT.",
             "Khi mất việc, nếu đã đóng đủ thời gian theo quy định, người lao động được trợ cấp "
             "thất nghiệp hằng tháng, được tư vấn, giới thiệu việc làm, hỗ trợ học nghề, và "
             "được cấp thẻ BHYT trong thời gian hưởng.",
             "Sau khi nghỉ việc, phải nộp hồ sơ tại trung tâm dịch vụ việc làm trong thời hạn "
             "quy định; quá hạn là mất quyền nhận trợ cấp.",
             "Doanh nghiệp trả sổ BHXH và quyết định nghỉ việc kịp thời để người lao động làm "
             "hồ sơ."],
            [("Tự nghỉ việc có được trợ cấp không?",
              "Tùy trường hợp: người tự ý chấm dứt hợp đồng trái luật thì không được hưởng. Hãy "
              "hỏi trung tâm dịch vụ việc làm trước khi nghỉ."),
             ("Nhận trợ cấp thất nghiệp có mất thời gian đóng BHXH không?",
              "Không. Thời gian đóng BHXH vẫn được tính cho lương hưu.")]),
        "en": (
            "Unemployment insurance: support for workers who lose their job",
            ["Employees on a labour contract have unemployment insurance (BHTN) paid by their "
             "employer together with BHXH and BHYT.",
             "On losing their job, if they paid in long enough as the rules say, they receive a "
             "monthly unemployment benefit, advice, job offers and help to learn a trade, and "
             "a BHYT card while they are paid.",
             "After leaving work they must apply at the employment service centre within the "
             "time the rules set; after it, the right to the benefit is lost.",
             "The employer hands back the BHXH book and the decision ending the job without "
             "delay, so that the worker can apply."],
            [("Do I get the benefit if I quit?",
              "It depends: someone who breaks their contract against the law gets nothing. Ask "
              "the employment service centre before you leave."),
             ("Do I lose my BHXH years by taking unemployment benefit?",
              "No. Your BHXH years still count towards your pension.")]),
        "hnj": (
            "Pov hwm poob haujlwm: pab neeg ua haujlwm thaum poob haujlwm",
            ["Neeg ua haujlwm muaj daim ntawv cog lus, tuam txhab them pov hwm poob haujlwm "
             "(BHTN) nrog rau BHXH thiab BHYT.",
             "Thaum poob haujlwm, yog them txaus sij hawm raws li txoj cai, neeg ua haujlwm "
             "tau nyiaj pab txhua hli, tau kev qhia, kev nrhiav haujlwm tshiab, kev pab kawm "
             "txuj ci, thiab daim npav BHYT thaum tau nyiaj pab.",
             "Tom qab tawm haujlwm, yuav tsum xa ntaub ntawv rau chaw pab nrhiav haujlwm hauv "
             "lub sij hawm teev tseg; dhau sij hawm lawm yuav tsis tau nyiaj pab.",
             "Tuam txhab muab phau ntawv BHXH thiab daim ntawv tso tawm haujlwm rau neeg ua "
             "haujlwm sai sai kom lawv ua tau ntaub ntawv."],
            [("Kuv tawm haujlwm ntawm kuv tus kheej puas tau nyiaj pab?",
              "Nyob ntawm seb: tus neeg tso daim ntawv cog lus tseg tsis raws txoj cai yuav "
              "tsis tau. Nug chaw pab nrhiav haujlwm ua ntej tawm."),
             ("Tau nyiaj pab poob haujlwm puas ploj sij hawm them BHXH?",
              "Tsis ploj. Sij hawm them BHXH tseem suav rau nyiaj laus.")]),
        "blt": (
            "BHTN: ꪏꪺꪥ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪣꪳ ꪹꪚꪱ ꪣꪲ ꪫꪸꪀ ꪹꪤꪸꪒ",
            ["ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪣꪲ ꪻꪚ ꪎꪰꪑꪱ, ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪎꪸ BHTN ꪀꪾꪚ BHXH, BHYT ꪻꪬ.",
             "ꪣꪳ ꪹꪚꪱ ꪣꪲ ꪫꪸꪀ ꪹꪤꪸꪒ, ꪖꪱ ꪎꪸ ꪭꪮꪒ ꪹꪖꪷ ꪔꪱꪣ ꪀꪷꪒ, ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ ꪋꪴ "
             "ꪹꪚꪙ, ꪼꪒ ꫛ ꪹꪫꪱ ꪻꪬ ꪭꪴ, ꪬꪱ ꪫꪸꪀ ꪹꪤꪸꪒ ꪻꪢ, ꪏꪺꪥ ꪭꪸꪙ ꪫꪸꪀ, ꪀꪾꪚ ꪼꪒ ꪵꪖ BHYT ꪣꪳ "
             "ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ.",
             "ꪩꪰꪉ ꪹꪚꪱ ꪹꪤꪸꪒ ꪫꪸꪀ, ꪔꪮꪉ ꪎꪷꪉ ꪻꪚ ꪻꪬ ꪹꪭꪙ ꪏꪺꪥ ꪬꪱ ꪫꪸꪀ ꪹꪤꪸꪒ ꪀꪮꪙ ꪣꪳ ꪶꪢꪒ ꪹꪖꪷ; "
             "ꪵꪩꪫ ꪹꪖꪷ ꪹꪚꪱ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ.",
             "ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪮꪱ ꪻꪚ BHXH ꪀꪾꪚ ꪻꪚ ꪹꪚꪱ ꪹꪤꪸꪒ ꪫꪸꪀ ꪻꪬ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪫ."],
            [("ꪕꪳ ꪹꪚꪱ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ ꪭꪳ ꪹꪚꪱ?",
              "ꪔꪱꪣ ꪋꪴ ꪁꪫꪱꪣ: ꫛ ꪹꪮꪱ ꪻꪚ ꪎꪰꪑꪱ ꪮꪮꪀ ꪹꪚꪱ ꪔꪱꪣ ꪀꪷꪒ ꪹꪚꪱ ꪼꪒ. ꪖꪱꪣ ꪹꪭꪙ ꪏꪺꪥ ꪬꪱ "
              "ꪫꪸꪀ ꪹꪤꪸꪒ ꪀꪮꪙ ꪹꪚꪱ ꪹꪤꪸꪒ."),
             ("ꪼꪒ ꪹꪉꪷꪙ BHTN ꪵꪩꪫ, ꪹꪖꪷ ꪎꪸ BHXH ꪑꪰꪉ ꪙꪰꪚ ꪭꪳ ꪹꪚꪱ?",
              "ꪑꪰꪉ ꪙꪰꪚ. ꪹꪖꪷ ꪎꪸ BHXH ꪑꪰꪉ ꪙꪰꪚ ꪻꪬ ꪹꪉꪷꪙ ꪹꪖꪱ.")]),
        "ium": (
            "BHTN: maiv maaih gong zoux nyei ziangh hoc tengx gong-mienh",
            ["Maaih ngaengc waac ceh nyei gong-mienh, gong-ziouv caux BHXH, BHYT yietc dauh "
             "cuotv BHTN bun.",
             "Maiv maaih gong zoux mi'aqv, se gorngv cuotv taux ziux leiz nyei ziangh hoc, "
             "gong-mienh duqv hlaax hlaax tengx nyei nyaanh, duqv mienh njaaux, tengx lorz "
             "siang gong, tengx hoqc zoux gong nyei bun-sic, caux zipv tengx nyei ziangh hoc "
             "duqv BHYT tex.",
             "Cuotv gong nqa'haav, oix zuqc ziux leiz nyei hnoi-hlaax fungx sou mingh tengx "
             "lorz gong nyei dorngx; jiex hnoi mi'aqv ziouc maiv duqv tengx.",
             "Gong-ziouv liemh zanc dorh BHXH nyei sou caux cuotv gong nyei ceh bun "
             "gong-mienh."],
            [("Ganh cuotv gong duqv tengx fai?",
              "Mangc ziux dauh dauh: maiv ziux leiz guangc ngaengc waac nyei mienh maiv duqv. "
              "Maiv gaengh cuotv gong, naaic tengx lorz gong nyei dorngx."),
             ("Zipv BHTN nyei nyaanh, cuotv jiex BHXH nyei hnyangx-hlaax corc funx fai?",
              "Corc funx. Cuotv jiex BHXH nyei ziangh hoc corc funx bun gox zanc nyei "
              "nyaanh.")]),
    }),
    ("employers", "vssid", {
        "vi": (
            "VssID cho người lao động: tự kiểm tra tiền BHXH đã được đóng",
            ["Trên VssID, người lao động xem từng tháng doanh nghiệp đã đóng BHXH, BHYT, bảo "
             "hiểm thất nghiệp cho mình chưa, theo mức lương nào.",
             "Dùng thẻ BHYT trên điện thoại khi đi khám; theo dõi chế độ ốm đau, thai sản đã "
             "được giải quyết.",
             "Doanh nghiệp nên giúp người lao động cài VssID ngay khi ký hợp đồng: tải ứng dụng "
             "“VssID – BHXH số”, đăng ký bằng số CCCD và số điện thoại.",
             "Không đưa mật khẩu, mã OTP cho ai, kể cả người quản lý."],
            [("Thấy tháng nào chưa được đóng thì làm gì?",
              "Hỏi bộ phận nhân sự trước; nếu vẫn chưa được đóng, báo cho BHXH."),
             ("Đổi chỗ làm có phải đăng ký lại VssID không?",
              "Không. Mã số BHXH giữ suốt đời; quá trình đóng ở mọi nơi đều hiện trên "
              "VssID.")]),
        "en": (
            "VssID for employees: check for yourself that your BHXH is paid",
            ["On VssID employees see, month by month, whether their employer paid BHXH, BHYT "
             "and unemployment insurance for them, and on what wage.",
             "Show the BHYT card on the phone at the clinic; follow the sickness and maternity "
             "benefits paid.",
             "Employers should help employees install VssID when they sign their contract: "
             "download the “VssID – BHXH số” app and register with the CCCD number and a phone "
             "number.",
             "Never give the password or an OTP code to anyone, managers included."],
            [("What if a month is missing?",
              "Ask the personnel office first; if it is still not paid, tell BHXH."),
             ("Do I register on VssID again when I change jobs?",
              "No. Your BHXH number is yours for life; what every employer paid shows on "
              "VssID.")]),
        "hnj": (
            "VssID rau neeg ua haujlwm: saib koj tus kheej seb puas tau them BHXH",
            ["Hauv VssID, neeg ua haujlwm saib tau txhua lub hli seb tuam txhab puas tau them "
             "BHXH, BHYT thiab pov hwm poob haujlwm rau lawv, raws nyiaj hli twg.",
             "Siv daim npav BHYT hauv xov tooj thaum mus kho mob; saib nyiaj pab thaum mob "
             "thiab thaum yug menyuam.",
             "Tuam txhab yuav tsum pab neeg ua haujlwm nruab VssID thaum kos npe daim ntawv cog "
             "lus: rub daim app VssID, sau npe nrog tus lej CCCD thiab tus xov tooj.",
             "Tsis txhob muab lo lus zais los tus lej OTP rau leej twg, txawm yog tus thawj."],
            [("Pom lub hli twg tsis tau them yuav ua li cas?",
              "Nug cov neeg saib xyuas neeg ua haujlwm ua ntej; yog tseem tsis tau them, qhia "
              "rau BHXH."),
             ("Hloov chaw ua haujlwm puas yuav tsum sau npe VssID dua?",
              "Tsis yuav. Tus lej BHXH yog koj li mus ib txhis; cov nyiaj them txhua qhov chaw "
              "tshwm hauv VssID.")]),
        "blt": (
            "VssID ꪻꪬ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ: ꪹꪚꪷꪉ ꪹꪉꪷꪙ BHXH ꪎꪸ ꪵꪩꪫ",
            ["ꪻꪙ VssID, ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪚꪷꪉ ꪋꪴ ꪹꪚꪙ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪎꪸ BHXH, BHYT, BHTN ꪻꪬ ꪵꪩꪫ "
             "ꪭꪳ ꪑꪰꪉ, ꪔꪱꪣ ꪹꪉꪷꪙ ꪹꪚꪙ ꪀꪲ.",
             "ꪻꪋ ꪵꪖ BHYT ꪻꪙ ꪒꪸꪙ ꪖꪺꪥ ꪣꪳ ꪼꪜ ꪹꪭꪙ ꪤꪱ; ꪹꪚꪷꪉ ꪹꪉꪷꪙ ꪏꪺꪥ ꪣꪳ ꪹꪊꪚ, ꪣꪳ ꪮꪮꪀ "
             "ꪩꪴꪀ.",
             "ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪏꪺꪥ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪻꪎ VssID ꪣꪳ ꪹꪎꪸꪙ ꪻꪚ ꪎꪰꪑꪱ: ꪹꪮꪱ VssID ꪣꪱ ꪻꪎ "
             "ꪒꪸꪙ ꪖꪺꪥ, ꪒꪰꪉ ꪀꪲ ꪀꪾꪚ ꪶꪎ CCCD ꪀꪾꪚ ꪶꪎ ꪒꪸꪙ ꪖꪺꪥ.",
             "ꪹꪚꪱ ꪔꪮꪉ ꪹꪫꪱ ꪁꪫꪱꪣ ꪩꪰꪚ ꪭꪳ ꪶꪎ OTP ꪻꪬ ꫛ ꪻꪒ, ꪹꪊꪱ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪷ ꪹꪚꪱ."],
            [("ꪹꪬꪸꪙ ꪹꪚꪙ ꪻꪒ ꪹꪚꪱ ꪑꪰꪉ ꪎꪸ, ꪹꪤꪸꪒ ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪖꪱꪣ ꫛ ꪹꪀꪷ ꪫꪸꪀ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪮꪙ; ꪖꪱ ꪑꪰꪉ ꪹꪚꪱ ꪎꪸ, ꪹꪫꪱ ꪻꪬ BHXH."),
             ("ꪑꪱꪥ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪔꪮꪉ ꪒꪰꪉ ꪀꪲ VssID ꪻꪢ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪔꪮꪉ. ꪶꪎ BHXH ꪄꪮꪉ ꪕꪳ ꪻꪋ ꪕꪰꪉ ꪋꪲꪫꪲꪒ; ꪹꪉꪷꪙ ꪎꪸ ꪋꪴ ꪚꪮꪙ ꪹꪬꪸꪙ ꪻꪙ VssID "
              "ꪕꪰꪉ ꪶꪢꪒ.")]),
        "ium": (
            "Gong-mienh nyei VssID: ganh mangc BHXH nyei nyaanh cuotv jiex fai maiv gaengh",
            ["Yiem VssID, gong-mienh mangc duqv hlaax hlaax gong-ziouv cuotv jiex BHXH, BHYT, "
             "BHTN bun ganh fai maiv gaengh, ziux haaix nyungc gong-zinh.",
             "Mingh zorc baengc nyei ziangh hoc longc dien-waac gu'nyuoz nyei BHYT tex; mangc "
             "mun caux yungz fu'jueiv nyei tengx.",
             "Gong-ziouv oix zuqc jiex ngaengc waac ceh nyei ziangh hoc tengx gong-mienh buov "
             "VssID: ndaam VssID, longc CCCD nyei sou-mbuo caux dien-waac nyei sou-mbuo fiev "
             "mbuox.",
             "Maiv dungx bun haaix dauh bingx nyei waac fai OTP nyei sou-mbuo, gong-ziouv yaac "
             "maiv dungx bun."],
            [("Buatc haaix hlaax maiv gaengh cuotv, oix hnangv haaix nor?",
              "Ndaangc naaic gunv gong-mienh nyei mienh; corc maiv gaengh cuotv, mbuox BHXH."),
             ("Goiv zoux gong dorngx oix zuqc aengx fiev VssID fai?",
              "Maiv zuqc. BHXH nyei sou-mbuo yietc seix longc; yietc zungv dorngx cuotv jiex "
              "nyei nyaanh yiem VssID cuotv daaih.")]),
    }),
    ("employers", "pensions", {
        "vi": (
            "Quyền lợi khi đóng BHXH bắt buộc: ốm đau, thai sản, tai nạn, lương hưu",
            ["Ốm đau, con nhỏ ốm: người lao động được nghỉ và nhận trợ cấp thay lương theo quy "
             "định.",
             "Sinh con: lao động nữ được nghỉ thai sản và nhận trợ cấp; lao động nam được nghỉ "
             "khi vợ sinh.",
             "Tai nạn lao động, bệnh nghề nghiệp: được điều trị và trợ cấp.",
             "Về già: đủ tuổi và đủ số năm đóng được nhận lương hưu hằng tháng và thẻ BHYT; khi "
             "mất, gia đình được nhận trợ cấp mai táng, tử tuất."],
            [("Nghỉ việc ở doanh nghiệp rồi, thời gian đã đóng có mất không?",
              "Không mất. Thời gian đóng được cộng dồn; có thể đóng tiếp BHXH tự nguyện cho đủ "
              "số năm hưởng lương hưu."),
             ("Có nên rút BHXH một lần không?",
              "Rút một lần là mất lương hưu và thẻ BHYT khi về già. Nên bảo lưu và đóng "
              "tiếp.")]),
        "en": (
            "What mandatory BHXH gives: sickness, maternity, accidents, a pension",
            ["Sickness, or a young child's: the employee takes leave and receives an allowance "
             "instead of the wage, as the rules say.",
             "A birth: women take maternity leave with an allowance; men take leave when their "
             "wife gives birth.",
             "Work accidents and occupational disease: treatment and an allowance.",
             "Old age: at retirement age, with enough years paid, a monthly pension and a BHYT "
             "card; on death, the family receives a funeral grant and survivors' benefits."],
            [("I left the company: are the years I paid lost?",
              "No. The years add up; you can go on with voluntary BHXH until you have enough "
              "for a pension."),
             ("Should I take my BHXH out as a lump sum?",
              "A lump sum costs you the pension and the BHYT card in old age. Keep your years "
              "and go on paying.")]),
        "hnj": (
            "Yam tau thaum them BHXH yuav tsum koom: mob, yug menyuam, xwm txheej, nyiaj laus",
            ["Thaum mob los menyuam mob, neeg ua haujlwm so tau thiab tau nyiaj pab hloov nyiaj "
             "hli raws li txoj cai.",
             "Yug menyuam: poj niam ua haujlwm so tau thiab tau nyiaj pab; txiv neej so tau "
             "thaum poj niam yug menyuam.",
             "Raug xwm txheej los mob vim ua haujlwm: tau kho mob thiab tau nyiaj pab.",
             "Thaum laus: muaj hnub nyoog thiab them txaus xyoo tau nyiaj laus txhua hli thiab "
             "daim npav BHYT; thaum tuag, tsev neeg tau nyiaj pab faus neeg tuag thiab nyiaj "
             "pab tsev neeg."],
            [("Kuv tawm haujlwm ntawm tuam txhab lawm, sij hawm twb them puas ploj?",
              "Tsis ploj. Sij hawm them tau muab ntxiv ua ke; them tau BHXH yeem koom ntxiv kom "
              "txaus xyoo tau nyiaj laus."),
             ("Puas yuav tsum rho BHXH ib zaug?",
              "Rho ib zaug yuav ploj nyiaj laus thiab daim npav BHYT thaum laus. Cia khaws "
              "thiab them ntxiv zoo dua.")]),
        "blt": (
            "ꪹꪉꪷꪙ ꪏꪺꪥ ꪣꪳ ꪎꪸ BHXH ꪚꪰꪒ ꪛꪺꪀ: ꪣꪳ ꪹꪊꪚ, ꪮꪮꪀ ꪩꪴꪀ, ꪹꪊꪚ ꪹꪤꪸꪒ ꪫꪸꪀ, ꪹꪉꪷꪙ ꪹꪖꪱ",
            ["ꪣꪳ ꪹꪊꪚ ꪭꪳ ꪩꪴꪀ ꪙꪮꪥ ꪹꪊꪚ, ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪹꪚꪱ ꪼꪜ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪒ ꪀꪾꪚ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ "
             "ꪵꪕꪙ ꪹꪉꪷꪙ ꪹꪚꪙ ꪔꪱꪣ ꪀꪷꪒ.",
             "ꪮꪮꪀ ꪩꪴꪀ: ꫛ ꪑꪲꪉ ꪹꪚꪱ ꪼꪜ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪒ ꪀꪾꪚ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ; ꫛ ꪋꪱꪥ ꪹꪚꪱ ꪼꪜ "
             "ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪒ ꪣꪳ ꪣꪸ ꪮꪮꪀ ꪩꪴꪀ.",
             "ꪹꪊꪚ ꪹꪤꪸꪒ ꪫꪸꪀ: ꪼꪒ ꪹꪮꪱ ꪤꪱ ꪀꪾꪚ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ.",
             "ꪣꪳ ꪹꪖꪱ: ꪭꪮꪒ ꪜꪲ ꪀꪾꪚ ꪎꪸ ꪭꪮꪒ ꪜꪲ ꪼꪒ ꪹꪉꪷꪙ ꪹꪖꪱ ꪋꪴ ꪹꪚꪙ ꪀꪾꪚ ꪵꪖ BHYT; ꪣꪳ ꪔꪱꪥ, "
             "ꪹꪭꪙ ꪼꪒ ꪹꪉꪷꪙ ꪎꪷꪉ ꫛ ꪔꪱꪥ."],
            [("ꪹꪚꪱ ꪹꪤꪸꪒ ꪻꪙ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪵꪩꪫ, ꪹꪖꪷ ꪎꪸ ꪵꪩꪫ ꪑꪰꪉ ꪙꪰꪚ ꪭꪳ ꪹꪚꪱ?",
              "ꪑꪰꪉ ꪙꪰꪚ. ꪹꪖꪷ ꪎꪸ ꪙꪰꪚ ꪭꪺꪣ ꪀꪽ; ꪎꪸ BHXH ꪕꪳ ꪉꪫꪸꪙ ꪔꪳꪒ ꪼꪜ ꪼꪒ, ꪭꪮꪒ ꪜꪲ ꪵꪩꪫ ꪼꪒ "
              "ꪹꪉꪷꪙ ꪹꪖꪱ."),
             ("ꪹꪮꪱ ꪹꪉꪷꪙ BHXH ꪮꪮꪀ ꪣꪳ ꪹꪒꪸꪫ ꪒꪲ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪮꪱ ꪮꪮꪀ ꪣꪳ ꪹꪒꪸꪫ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ ꪀꪾꪚ ꪵꪖ BHYT ꪣꪳ ꪹꪖꪱ. ꪹꪀꪸꪚ ꪻꪫ ꪀꪾꪚ ꪎꪸ "
              "ꪔꪳꪒ ꪼꪜ ꪒꪲ ꪀꪺ.")]),
        "ium": (
            "Cuotv oix zuqc bieqc nyei BHXH duqv haaix nyungc: mun, yungz fu'jueiv, zuqc siev, "
            "gox zanc nyei nyaanh",
            ["Mun fai fu'jueiv mun, gong-mienh haih hitv gong yaac ziux leiz duqv tengx nyei "
             "nyaanh wuov gong-zinh.",
             "Yungz fu'jueiv: m'sieqv gong-mienh haih hitv yaac duqv tengx; m'jangc gong-mienh "
             "auv yungz fu'jueiv nyei ziangh hoc haih hitv.",
             "Zoux gong zuqc siev fai cuotv baengc: duqv zorc baengc caux duqv tengx.",
             "Gox zanc: taux hnyangx yaac cuotv taux hnyangx, hlaax hlaax duqv gox zanc nyei "
             "nyaanh caux BHYT tex; daic mi'aqv, biauv zong duqv zangx mienh nyei nyaanh."],
            [("Yie cuotv gong-ziouv nyei gong mi'aqv, cuotv jiex nyei hnyangx-hlaax maiv maaih "
              "fai?",
              "Corc maaih. Cuotv jiex nyei ziangh hoc gapv jienv; haih aengx cuotv BHXH ganh "
              "oix bieqc taux duqv gox zanc nyei nyaanh."),
             ("Yietc nzunc zorqv BHXH nyei nyaanh longx fai?",
              "Yietc nzunc zorqv mi'aqv, gox zanc ziouc maiv maaih gox zanc nyei nyaanh caux "
              "BHYT tex. Louc jienv caux aengx cuotv gauh longx.")]),
    }),
    ("voluntary", "pupil_bhyt", {
        "vi": (
            "BHYT học sinh: con đi học yên tâm khi ốm đau",
            ["Học sinh, sinh viên tham gia BHYT qua nhà trường; Nhà nước hỗ trợ một phần, gia "
             "đình đóng phần còn lại. Mức đóng tính theo lương cơ sở ({base_salary} "
             "đồng/tháng).",
             "Trẻ dưới 6 tuổi đã có thẻ miễn phí; từ khi vào lớp 1, các em tham gia BHYT ở "
             "trường.",
             "Nhiều em người dân tộc thiểu số ở vùng đặc biệt khó khăn, hoặc thuộc hộ nghèo, "
             "cận nghèo, đã có thẻ do Nhà nước đóng: cán bộ kiểm tra để gia đình không phải "
             "đóng hai lần.",
             "Có thẻ, khi ốm hay bị tai nạn ở trường hay ở nhà, các em được khám chữa bệnh và "
             "quỹ BHYT trả phần lớn chi phí."],
            [("Con tôi đã có thẻ hộ nghèo, có phải mua thẻ học sinh không?",
              "Không. Mỗi người chỉ cần một thẻ; báo nhà trường để không thu trùng."),
             ("Con đi học ở xã khác, tỉnh khác thì sao?",
              "Con tham gia BHYT tại trường đang học và dùng thẻ để khám ở nơi gần trường."),
             ("Nhà khó khăn chưa có tiền đóng?",
              "Hỏi nhà trường về việc đóng theo đợt; xã và các đoàn thể có thể vận động hỗ "
              "trợ.")]),
        "en": (
            "Pupils' BHYT: children at school, covered when they fall ill",
            ["Pupils and students join BHYT through their school; the state pays part and the "
             "family the rest. The contribution is reckoned on the base salary "
             "({base_salary} VND a month).",
             "Children under 6 already have a free card; from the first grade on, they join "
             "BHYT at school.",
             "Many ethnic-minority children in especially difficult areas, or of poor and "
             "near-poor households, already have a card the state pays for: the officer checks "
             "so that the family does not pay twice.",
             "With the card, a child who falls ill or is hurt at school or at home is treated, "
             "and BHYT pays most of the cost."],
            [("My child already has a poor household's card. Must I buy a pupil's card?",
              "No. One card per person is enough; tell the school so that it does not collect "
              "twice."),
             ("My child goes to school in another commune or province.",
              "The child joins BHYT at the school they attend and uses the card near the "
              "school."),
             ("We are hard up and have no money yet.",
              "Ask the school about paying in instalments; the commune and mass organisations "
              "can raise help.")]),
        "hnj": (
            "BHYT tub ntxhais kawm ntawv: menyuam mus kawm ntawv tsis txhawj thaum mob",
            ["Tub ntxhais kawm ntawv koom BHYT ntawm tsev kawm ntawv; tsoom fwv pab ib feem, "
             "tsev neeg them ib feem seem. Tus nqi them suav raws cov nyiaj hli hauv paus "
             "({base_salary} nyiaj ib hlis).",
             "Menyuam yaus tsis txog 6 xyoos twb muaj daim npav dawb; txij thaum kawm qib 1, "
             "lawv koom BHYT ntawm tsev kawm ntawv.",
             "Coob tus menyuam haiv neeg tsawg nyob thaj chaw nyuaj heev, los tsev neeg txom "
             "nyem, yuav luag txom nyem, twb muaj daim npav uas tsoom fwv them: neeg ua "
             "haujlwm yuav saib kom tsev neeg tsis them ob zaug.",
             "Muaj daim npav, thaum mob los raug xwm txheej ntawm tsev kawm ntawv los hauv "
             "tsev, menyuam tau kho mob thiab BHYT them feem ntau ntawm tus nqi."],
            [("Kuv tus menyuam twb muaj daim npav tsev neeg txom nyem, puas yuav tsum yuav daim "
              "npav kawm ntawv?",
              "Tsis yuav. Ib tug neeg tsuas xav tau ib daim npav; qhia rau tsev kawm ntawv kom "
              "tsis txhob sau ob zaug."),
             ("Menyuam mus kawm ntawv lwm lub zos, lwm lub xeev ne?",
              "Menyuam koom BHYT ntawm lub tsev kawm ntawv uas nws kawm thiab siv daim npav kho "
              "mob ze tsev kawm ntawv."),
             ("Tsev neeg nyuaj, tsis tau muaj nyiaj them?",
              "Nug tsev kawm ntawv seb puas them tau ua ntu; lub zos thiab cov pawg tuaj yeem "
              "pab.")]),
        "blt": (
            "BHYT ꫛ ꪭꪸꪙ ꪎꪳ: ꪩꪴꪀ ꪼꪜ ꪭꪸꪙ ꪻꪊ ꪒꪲ ꪣꪳ ꪹꪊꪚ",
            ["ꫛ ꪭꪸꪙ ꪎꪳ ꪒꪰꪉ ꪀꪲ BHYT ꪔꪱꪣ ꪹꪭꪙ ꪭꪸꪙ; ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ ꪀꪷꪙ ꪙꪳꪉ, ꪹꪭꪙ ꪎꪸ ꪀꪷꪙ "
             "ꪮꪳꪙ. ꪹꪉꪷꪙ ꪎꪸ ꪔꪱꪣ ꪹꪉꪷꪙ ꪹꪚꪙ ꪀꪮꪙ ({base_salary} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ).",
             "ꪩꪴꪀ ꪙꪮꪥ ꪹꪚꪱ ꪭꪮꪒ 6 ꪜꪲ ꪣꪲ ꪵꪖ ꪹꪚꪱ ꪎꪸ ꪹꪉꪷꪙ ꪵꪩꪫ; ꪕꪳ ꪣꪳ ꪹꪄꪱ ꪭꪸꪙ ꪭꪮꪉ 1, ꪩꪴꪀ "
             "ꪒꪰꪉ ꪀꪲ BHYT ꪔꪱꪣ ꪹꪭꪙ ꪭꪸꪙ.",
             "ꪩꪴꪀ ꪨꪱꪥ ꫛ ꪜꪸꪙ ꫛ ꪹꪤꪷꪙ ꪶꪕꪀ ꪙꪮꪥ ꪤꪴ ꪚꪮꪙ ꪑꪱꪀ ꪨꪱꪥ, ꪭꪳ ꪹꪭꪙ ꪑꪱꪀ, ꪹꪭꪙ "
             "ꪄꪱꪉ ꪑꪱꪀ, ꪣꪲ ꪵꪖ ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ ꪻꪬ ꪵꪩꪫ: ꪀꪱꪙ ꪶꪛ ꪹꪚꪷꪉ ꪹꪚꪱ ꪻꪬ ꪹꪭꪙ ꪎꪸ ꪎꪮꪉ ꪖꪷꪉ.",
             "ꪣꪲ ꪵꪖ, ꪣꪳ ꪹꪊꪚ ꪻꪙ ꪹꪭꪙ ꪭꪸꪙ ꪭꪳ ꪻꪙ ꪹꪭꪙ, ꪩꪴꪀ ꪼꪒ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪀꪾꪚ BHYT ꪎꪸ "
             "ꪹꪉꪷꪙ ꪤꪱ ꪨꪱꪥ."],
            [("ꪩꪴꪀ ꪣꪲ ꪵꪖ ꪹꪭꪙ ꪑꪱꪀ ꪵꪩꪫ, ꪔꪮꪉ ꪏꪳ ꪵꪖ ꫛ ꪭꪸꪙ ꪎꪳ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪔꪮꪉ. ꪋꪴ ꫛ ꪣꪲ ꪵꪖ ꪹꪒꪸꪫ ꪒꪲ ꪵꪩꪫ; ꪹꪫꪱ ꪻꪬ ꪹꪭꪙ ꪭꪸꪙ ꪹꪚꪱ ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪎꪮꪉ "
              "ꪖꪷꪉ."),
             ("ꪩꪴꪀ ꪼꪜ ꪭꪸꪙ ꪎꪱ ꪮꪳꪙ, ꪹꪣꪉ ꪮꪳꪙ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪩꪴꪀ ꪒꪰꪉ ꪀꪲ BHYT ꪔꪱꪣ ꪹꪭꪙ ꪭꪸꪙ ꪼꪜ ꪭꪸꪙ ꪀꪾꪚ ꪻꪋ ꪵꪖ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪄꪱꪉ ꪹꪭꪙ "
              "ꪭꪸꪙ."),
             ("ꪹꪭꪙ ꪑꪱꪀ, ꪑꪰꪉ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪎꪸ?",
              "ꪖꪱꪣ ꪹꪭꪙ ꪭꪸꪙ ꪎꪸ ꪜꪸꪙ ꪖꪷꪉ ꪼꪒ ꪭꪳ ꪹꪚꪱ; ꪎꪱ ꪀꪾꪚ ꪭꪺꪣ ꪕꪰꪉ ꪶꪢꪒ ꪏꪺꪥ ꪼꪒ.")]),
        "ium": (
            "Horqc saeng nyei BHYT: fu'jueiv mingh horqc, mun nyei ziangh hoc maiv zuqc nzauh",
            ["Horqc saeng yiem horqc dorngh bieqc BHYT; hungh jaa tengx yietc deix, biauv zong "
             "cuotv zengc nyei. Cuotv nyaanh ziux gorn gong-zinh ({base_salary} nyaanh yietc "
             "hlaax) funx.",
             "Fu'jueiv maiv gaengh taux 6 hnyangx maaih maiv longc cuotv nyaanh nyei tex aqv; "
             "bieqc da'yietv hnyangx horqc, ninh mbuo yiem horqc dorngh bieqc BHYT.",
             "Camv yiem deic-bung gaan-naanh haic nyei fingx-siex mienh nyei fu'jueiv, fai "
             "biauv zong jomc, fatv jomc nyei fu'jueiv, maaih hungh jaa cuotv nyaanh nyei tex "
             "aqv: BHXH nyei gaanv bou mangc, maiv bun biauv zong cuotv i nzunc.",
             "Maaih tex, yiem horqc dorngh fai yiem biauv mun fai zuqc siev, fu'jueiv duqv zorc "
             "baengc, BHYT cuotv camv nyei nyaanh."],
            [("Yie nyei fu'jueiv maaih biauv zong jomc nyei tex aqv, oix zuqc maaiz horqc saeng "
              "nyei tex fai?",
              "Maiv zuqc. Yietc dauh mienh kungx longc yietc norm tex; mbuox horqc dorngh maiv "
              "dungx siou i nzunc."),
             ("Fu'jueiv mingh dieh norm laangz fai dieh norm sengv horqc?",
              "Fu'jueiv yiem ninh horqc nyei horqc dorngh bieqc BHYT, yaac longc tex yiem fatv "
              "horqc dorngh nyei zorc baengc dorngx mingh zorc."),
             ("Biauv zong gaan-naanh, maiv gaengh maaih nyaanh cuotv?",
              "Naaic horqc dorngh haih faix nzunc cuotv fai maiv haih; laangz caux wuic haih "
              "tengx.")]),
    }),
    ("voluntary", "pensions", {
        "vi": (
            "Lương hưu, trợ cấp hưu trí xã hội: về già có tiền hằng tháng",
            ["Người tham gia BHXH khi đủ tuổi nghỉ hưu và đủ số năm đóng theo quy định được "
             "nhận lương hưu hằng tháng suốt đời và thẻ BHYT miễn phí.",
             "Người từ đủ 75 tuổi không có lương hưu hay trợ cấp BHXH hằng tháng được nhận trợ "
             "cấp hưu trí xã hội {social_pension} đồng/tháng và thẻ BHYT miễn phí; người thuộc "
             "hộ nghèo, cận nghèo được xét từ tuổi thấp hơn.",
             "Trợ cấp hưu trí xã hội chỉ đủ chi tiêu tối thiểu: đóng BHXH tự nguyện từ sớm thì "
             "về già có lương hưu. Mức đóng thấp nhất {voluntary_bhxh_min_monthly} đồng/tháng, "
             "hộ nghèo chỉ còn {voluntary_bhxh_min_monthly_poor} đồng/tháng.",
             "Khi người tham gia hoặc người hưởng lương hưu mất, gia đình được nhận trợ cấp mai "
             "táng."],
            [("Bố mẹ tôi sắp 75 tuổi, cần làm gì để nhận trợ cấp?",
              "Mang CCCD đến Ủy ban nhân dân xã để làm hồ sơ; cán bộ xã và BHXH hướng dẫn."),
             ("Tôi đã 50 tuổi, đóng BHXH tự nguyện còn kịp không?",
              "Vẫn kịp. Cán bộ BHXH sẽ tính cùng bạn số năm cần đóng và cách đóng phù hợp.")]),
        "en": (
            "Pensions and the social pension: money every month in old age",
            ["BHXH members who reach retirement age with enough years paid, as the rules say, "
             "receive a pension every month for life and a free BHYT card.",
             "People aged 75 and over with no pension or monthly BHXH allowance receive a "
             "social pension of {social_pension} VND a month and a free BHYT card; people of "
             "poor and near-poor households qualify younger.",
             "The social pension covers only the bare minimum: paying voluntary BHXH early "
             "brings a pension in old age. The lowest contribution is "
             "{voluntary_bhxh_min_monthly} VND a month, only "
             "{voluntary_bhxh_min_monthly_poor} VND for poor households.",
             "When a member or a pensioner dies, the family receives a funeral grant."],
            [("My parents will soon be 75. What must they do to get the social pension?",
              "Take their CCCD to the commune People's Committee to apply; the commune and BHXH "
              "officers help."),
             ("I am already 50. Is it too late for voluntary BHXH?",
              "No. The BHXH officer works out with you how many years you need and the best "
              "way to pay.")]),
        "hnj": (
            "Nyiaj laus, nyiaj pab neeg laus: thaum laus muaj nyiaj txhua hli",
            ["Cov neeg koom BHXH, thaum muaj hnub nyoog so haujlwm thiab them txaus xyoo raws "
             "li txoj cai, tau nyiaj laus txhua hli mus txog thaum tuag thiab daim npav BHYT "
             "dawb.",
             "Cov neeg muaj 75 xyoos rov saud uas tsis muaj nyiaj laus los nyiaj pab BHXH "
             "txhua hli tau nyiaj pab neeg laus {social_pension} nyiaj ib hlis thiab daim npav "
             "BHYT dawb; cov neeg hauv tsev neeg txom nyem, yuav luag txom nyem tau thaum hluas "
             "dua.",
             "Nyiaj pab neeg laus tsuas txaus siv me ntsis: koom BHXH yeem koom ntxov, thaum "
             "laus yuav muaj nyiaj laus. Them tsawg tshaj {voluntary_bhxh_min_monthly} nyiaj "
             "ib hlis, tsev neeg txom nyem tsuas them {voluntary_bhxh_min_monthly_poor} nyiaj "
             "ib hlis.",
             "Thaum tus neeg koom los tus neeg tau nyiaj laus tuag, tsev neeg tau nyiaj pab "
             "faus neeg tuag."],
            [("Kuv niam kuv txiv yuav luag muaj 75 xyoos, yuav ua li cas thiaj tau nyiaj pab?",
              "Nqa daim CCCD mus rau tsoom fwv hauv zos ua ntaub ntawv; neeg ua haujlwm hauv "
              "zos thiab BHXH qhia."),
             ("Kuv muaj 50 xyoos lawm, koom BHXH yeem koom puas tseem txog?",
              "Tseem txog. Neeg ua haujlwm BHXH yuav nrog koj suav seb yuav tsum them pes "
              "tsawg xyoo thiab them li cas thiaj haum.")]),
        "blt": (
            "ꪹꪉꪷꪙ ꪹꪖꪱ, ꪹꪉꪷꪙ ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ ꫛ ꪹꪖꪱ: ꪣꪳ ꪹꪖꪱ ꪣꪲ ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ",
            ["ꫛ ꪒꪰꪉ ꪀꪲ BHXH, ꪣꪳ ꪭꪮꪒ ꪜꪲ ꪹꪚꪱ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪾꪚ ꪎꪸ ꪭꪮꪒ ꪜꪲ ꪔꪱꪣ ꪀꪷꪒ, ꪼꪒ ꪹꪉꪷꪙ "
             "ꪹꪖꪱ ꪋꪴ ꪹꪚꪙ ꪭꪮꪒ ꪣꪳ ꪔꪱꪥ ꪀꪾꪚ ꪵꪖ BHYT ꪹꪚꪱ ꪎꪸ ꪹꪉꪷꪙ.",
             "ꫛ ꪕꪳ 75 ꪜꪲ ꪼꪜ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ ꪭꪳ ꪹꪉꪷꪙ ꪏꪺꪥ BHXH ꪋꪴ ꪹꪚꪙ ꪼꪒ ꪹꪉꪷꪙ ꪚꪱꪙ "
             "ꪹꪣꪉ ꪏꪺꪥ ꫛ ꪹꪖꪱ {social_pension} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ ꪀꪾꪚ ꪵꪖ BHYT ꪹꪚꪱ ꪎꪸ ꪹꪉꪷꪙ; ꫛ "
             "ꪹꪭꪙ ꪑꪱꪀ, ꪹꪭꪙ ꪄꪱꪉ ꪑꪱꪀ ꪼꪒ ꪕꪳ ꪜꪲ ꪙꪮꪥ ꪀꪺ.",
             "ꪹꪉꪷꪙ ꪏꪺꪥ ꫛ ꪹꪖꪱ ꪙꪮꪥ: ꪒꪰꪉ ꪀꪲ BHXH ꪕꪳ ꪉꪫꪸꪙ ꪼꪫ, ꪣꪳ ꪹꪖꪱ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ. ꪎꪸ "
             "ꪙꪮꪥ ꪎꪳꪒ {voluntary_bhxh_min_monthly} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ, ꪹꪭꪙ ꪑꪱꪀ ꪎꪸ "
             "{voluntary_bhxh_min_monthly_poor} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ.",
             "ꪣꪳ ꫛ ꪒꪰꪉ ꪀꪲ ꪭꪳ ꫛ ꪼꪒ ꪹꪉꪷꪙ ꪹꪖꪱ ꪔꪱꪥ, ꪹꪭꪙ ꪼꪒ ꪹꪉꪷꪙ ꪎꪷꪉ ꫛ ꪔꪱꪥ."],
            [("ꪜꪷ ꪵꪣ ꪑꪰꪉ ꪹꪚꪱ ꪭꪮꪒ 75 ꪜꪲ, ꪹꪤꪸꪒ ꪹꪜꪸꪙ ꪻꪒ ꪼꪒ ꪹꪉꪷꪙ ꪏꪺꪥ?",
              "ꪹꪮꪱ ꪵꪖ CCCD ꪼꪜ ꪎꪱ ꪵꪔꪣ ꪻꪚ; ꪀꪱꪙ ꪶꪛ ꪎꪱ ꪀꪾꪚ BHXH ꪹꪫꪱ ꪻꪬ ꪭꪴ."),
             ("ꪀꪰ ꪣꪲ 50 ꪜꪲ ꪵꪩꪫ, ꪒꪰꪉ ꪀꪲ BHXH ꪕꪳ ꪉꪫꪸꪙ ꪑꪰꪉ ꪔꪰꪙ ꪭꪳ ꪹꪚꪱ?",
              "ꪑꪰꪉ ꪔꪰꪙ. ꪀꪱꪙ ꪶꪛ BHXH ꪙꪰꪚ ꪀꪾꪚ ꪹꪋꪱ ꪜꪲ ꪔꪮꪉ ꪎꪸ ꪀꪾꪚ ꪎꪸ ꪹꪜꪸꪙ ꪻꪒ ꪒꪲ.")]),
        "ium": (
            "Gox zanc nyei nyaanh caux tengx mienh gox nyei nyaanh: gox zanc hlaax hlaax maaih "
            "nyaanh",
            ["Bieqc BHXH nyei mienh, taux hitv gong nyei hnyangx yaac ziux leiz cuotv taux "
             "hnyangx, hlaax hlaax duqv gox zanc nyei nyaanh taux daic caux maiv longc cuotv "
             "nyaanh nyei BHYT tex.",
             "75 hnyangx faaux maiv maaih gox zanc nyei nyaanh fai hlaax hlaax BHXH tengx nyei "
             "nyaanh nyei mienh, duqv hungh jaa tengx mienh gox nyei nyaanh {social_pension} "
             "nyaanh yietc hlaax caux maiv longc cuotv nyaanh nyei BHYT tex; biauv zong jomc, "
             "fatv jomc nyei mienh hnyangx gauh lunx duqv.",
             "Tengx mienh gox nyei nyaanh kungx longc duqv siex: liemh zanc bieqc BHXH ganh oix "
             "bieqc, gox zanc ziouc maaih gox zanc nyei nyaanh. Gauh siex jiex cuotv "
             "{voluntary_bhxh_min_monthly} nyaanh yietc hlaax, biauv zong jomc kungx cuotv "
             "{voluntary_bhxh_min_monthly_poor} nyaanh yietc hlaax.",
             "Bieqc nyei mienh fai zipv gox zanc nyei nyaanh nyei mienh daic mi'aqv, biauv zong "
             "duqv zangx mienh nyei nyaanh."],
            [("Yie nyei die-maa fatv taux 75 hnyangx, oix zoux haaix nyungc cingx duqv tengx?",
              "Dorh CCCD mingh laangz nyei gunv jauv dorngx fiev sou; laangz caux BHXH nyei "
              "gong-mienh njaaux."),
             ("Yie 50 hnyangx aqv, bieqc BHXH ganh oix bieqc corc taux fai?",
              "Corc taux. BHXH nyei gaanv bou caux meih funx oix zuqc cuotv ziex hnyangx caux "
              "hnangv haaix nor cuotv cingx horpc.")]),
    }),
    ("voluntary", "bhyt_care", {
        "vi": (
            "Dùng thẻ BHYT khi đi khám chữa bệnh",
            ["Khi ốm, đến trạm y tế xã hoặc nơi đăng ký khám ban đầu ghi trên thẻ; mang thẻ "
             "BHYT, hoặc CCCD gắn chip, hoặc thẻ trên VssID.",
             "Đi đúng nơi đăng ký và chuyển tuyến khi cần thì quỹ BHYT trả phần lớn chi phí "
             "khám, thuốc, xét nghiệm, nằm viện.",
             "Cấp cứu thì đến cơ sở y tế gần nhất, không cần giấy chuyển tuyến.",
             "Thẻ hết hạn thì không được hưởng: gia hạn trước khi hết hạn; người có thẻ do Nhà "
             "nước đóng nhờ cán bộ xem hạn thẻ."],
            [("Quên mang thẻ thì sao?",
              "Đưa CCCD gắn chip hoặc mở thẻ trên VssID. Nếu không có, báo cơ sở y tế và bổ "
              "sung giấy tờ trong thời gian quy định."),
             ("Có phải trả thêm tiền không?",
              "Tùy từng người, có thể phải cùng chi trả một phần; thuốc ngoài danh mục BHYT thì "
              "tự trả. Hỏi nhân viên y tế trước khi dùng."),
             ("Muốn đổi nơi khám ban đầu?",
              "Được đổi vào đầu mỗi quý; báo cán bộ BHXH hoặc đại lý thu.")]),
        "en": (
            "Using the BHYT card when you need care",
            ["When ill, go to the commune health station or the first-contact facility printed "
             "on the card; bring the BHYT card, or a chip CCCD, or the card on VssID.",
             "Going where you are registered, and being referred on when needed, BHYT pays "
             "most of the cost of consultations, medicines, tests and hospital stays.",
             "In an emergency, go to the nearest health facility: no referral is needed.",
             "An expired card gives nothing: renew before it expires; people whose card the "
             "state pays for can ask the officer when theirs ends."],
            [("What if I forget the card?",
              "Show a chip CCCD or open the card on VssID. Without them, tell the facility and "
              "bring the papers within the time the rules allow."),
             ("Do I have to pay anything?",
              "Depending on who you are, you may pay a share; medicines outside the BHYT list "
              "you pay yourself. Ask the health worker before using them."),
             ("Can I change my first-contact facility?",
              "Yes, at the start of each quarter; tell the BHXH officer or the collection "
              "agent.")]),
        "hnj": (
            "Siv daim npav BHYT thaum mus kho mob",
            ["Thaum mob, mus rau chaw kho mob hauv zos los qhov chaw kho mob thawj zaug uas "
             "sau rau ntawm daim npav; nqa daim npav BHYT, los daim CCCD muaj chip, los daim "
             "npav hauv VssID.",
             "Mus raws qhov chaw sau npe thiab hloov mus lwm qhov thaum tsim nyog, BHYT yuav "
             "them feem ntau ntawm tus nqi kuaj, tshuaj, kuaj ntshav thiab pw tsev kho mob.",
             "Mob hnyav ceev, mus rau qhov chaw kho mob ze tshaj, tsis tas muaj daim ntawv xa.",
             "Daim npav tas sij hawm lawm yuav tsis tau kev pab: txuas ntxiv ua ntej tas sij "
             "hawm; cov neeg muaj daim npav tsoom fwv them thov neeg ua haujlwm saib hnub tas."],
            [("Tsis nco nqa daim npav ne?",
              "Muab daim CCCD muaj chip los qhib daim npav hauv VssID. Yog tsis muaj, qhia rau "
              "chaw kho mob thiab coj ntaub ntawv tuaj ntxiv hauv lub sij hawm teev tseg."),
             ("Puas yuav tsum them nyiaj ntxiv?",
              "Nyob ntawm tus neeg, tej zaum yuav tsum them ib feem; tshuaj tsis nyob hauv BHYT "
              "cov npe yuav tsum them tus kheej. Nug kws kho mob ua ntej siv."),
             ("Xav hloov qhov chaw kho mob thawj zaug?",
              "Hloov tau thaum pib txhua peb lub hlis; qhia rau neeg ua haujlwm BHXH los neeg "
              "sau nyiaj.")]),
        "blt": (
            "ꪻꪋ ꪵꪖ BHYT ꪣꪳ ꪼꪜ ꪹꪭꪙ ꪤꪱ",
            ["ꪣꪳ ꪹꪊꪚ, ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪎꪱ ꪭꪳ ꪹꪭꪙ ꪤꪱ ꪵꪔꪣ ꪻꪙ ꪵꪖ; ꪹꪮꪱ ꪵꪖ BHYT, ꪭꪳ ꪵꪖ CCCD, ꪭꪳ "
             "ꪵꪖ ꪻꪙ VssID ꪼꪜ ꪀꪾꪚ.",
             "ꪼꪜ ꪔꪮꪉ ꪹꪭꪙ ꪤꪱ ꪒꪰꪉ ꪀꪲ ꪀꪾꪚ ꪑꪱꪥ ꪹꪭꪙ ꪤꪱ ꪣꪳ ꪔꪮꪉ ꪑꪱꪥ, BHYT ꪎꪸ ꪹꪉꪷꪙ ꪤꪱ, ꪹꪉꪷꪙ "
             "ꪹꪚꪷꪉ ꪹꪊꪚ, ꪹꪉꪷꪙ ꪙꪮꪙ ꪹꪭꪙ ꪤꪱ ꪨꪱꪥ.",
             "ꪹꪊꪚ ꪘꪰꪀ ꪼꪫ, ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪻꪀ ꪎꪳꪒ, ꪹꪚꪱ ꪔꪮꪉ ꪣꪲ ꪻꪚ ꪑꪱꪥ.",
             "ꪵꪖ ꪶꪢꪒ ꪭꪰꪙ ꪹꪚꪱ ꪼꪒ ꪏꪺꪥ: ꪔꪷ ꪵꪖ ꪀꪮꪙ ꪶꪢꪒ ꪭꪰꪙ; ꫛ ꪣꪲ ꪵꪖ ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ ꪻꪬ ꪖꪱꪣ "
             "ꪀꪱꪙ ꪶꪛ ꪹꪚꪷꪉ ꪣꪳ ꪶꪢꪒ ꪭꪰꪙ."],
            [("ꪩꪳꪣ ꪹꪮꪱ ꪵꪖ ꪼꪜ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪹꪮꪱ ꪵꪖ CCCD ꪭꪳ ꪹꪜꪷꪒ ꪵꪖ ꪻꪙ VssID. ꪖꪱ ꪹꪚꪱ ꪣꪲ, ꪹꪫꪱ ꪻꪬ ꪹꪭꪙ ꪤꪱ ꪀꪾꪚ ꪹꪮꪱ ꪻꪚ "
              "ꪣꪱ ꪻꪎ ꪀꪮꪙ ꪶꪢꪒ ꪹꪖꪷ."),
             ("ꪔꪮꪉ ꪎꪸ ꪹꪉꪷꪙ ꪻꪎ ꪭꪳ ꪹꪚꪱ?",
              "ꪔꪱꪣ ꪋꪴ ꫛ, ꪀꪷ ꪔꪮꪉ ꪎꪸ ꪀꪷꪙ ꪙꪳꪉ; ꪤꪱ ꪹꪚꪱ ꪣꪲ ꪻꪙ ꪻꪚ ꪋꪳ BHYT ꪔꪮꪉ ꪕꪳ ꪎꪸ. ꪖꪱꪣ "
              "ꪣꪷ ꪤꪱ ꪀꪮꪙ ꪻꪋ."),
             ("ꪤꪱꪀ ꪑꪱꪥ ꪹꪭꪙ ꪤꪱ ꪒꪰꪉ ꪀꪲ?",
              "ꪑꪱꪥ ꪼꪒ ꪣꪳ ꪀꪮꪙ ꪋꪴ ꪎꪱꪣ ꪹꪚꪙ; ꪹꪫꪱ ꪻꪬ ꪀꪱꪙ ꪶꪛ BHXH ꪭꪳ ꫛ ꪹꪀꪸꪚ ꪹꪉꪷꪙ.")]),
        "ium": (
            "Mingh zorc baengc nyei ziangh hoc longc BHYT nyei tex",
            ["Mun nyei ziangh hoc, mingh laangz nyei zorc baengc dorngx fai tex gu'nyuoz fiev "
             "jienv nyei da'yietv zorc baengc dorngx; dorh BHYT tex, fai maaih chip nyei CCCD, "
             "fai VssID gu'nyuoz nyei tex.",
             "Ziux fiev mbuox nyei dorngx mingh, oix zuqc nyei ziangh hoc aengx mingh gauh hlo "
             "nyei dorngx, BHYT ziouc cuotv camv mangc baengc, ndie, mangc nziaamv caux bueix "
             "zorc baengc biauv nyei nyaanh.",
             "Baengc hniev gaengh, mingh gauh fatv nyei zorc baengc dorngx, maiv longc fungx "
             "tex.",
             "Tex dangx hnoi mi'aqv maiv duqv tengx: maiv gaengh dangx hnoi ndaangc aengx "
             "maaiz; maaih hungh jaa cuotv nyaanh nyei tex nyei mienh tov BHXH nyei gaanv bou "
             "mangc dangx haaix hnoi."],
            [("Maiv jangx dorh tex, hnangv haaix nor?",
              "Bun maaih chip nyei CCCD fai koiv VssID nyei tex. Maiv maaih, mbuox zorc baengc "
              "dorngx, ziux leiz nyei hnoi-hlaax dorh sou daaih."),
             ("Oix zuqc jaa cuotv nyaanh fai?",
              "Ziux dauh dauh, haih oix zuqc cuotv yietc deix; BHYT nyei mbuox-daan maiv maaih "
              "nyei ndie oix zuqc ganh cuotv. Maiv gaengh longc ndaangc naaic zorc baengc "
              "mienh."),
             ("Oix goiv da'yietv zorc baengc dorngx?",
              "Yietc nzunc faam hlaax nyei gorn haih goiv; mbuox BHXH nyei gaanv bou fai zipv "
              "nyaanh nyei mienh.")]),
    }),
    ("voluntary", "unemployment", {
        "vi": (
            "Đi làm công ty về quê: giữ quyền lợi BHXH, nhận trợ cấp thất nghiệp",
            ["Người trong bản đi làm ở khu công nghiệp, có hợp đồng lao động, đã được công ty "
             "đóng BHXH và bảo hiểm thất nghiệp.",
             "Khi nghỉ việc về quê, trong thời hạn quy định hãy nộp hồ sơ hưởng trợ cấp thất "
             "nghiệp tại trung tâm dịch vụ việc làm (nộp được ở tỉnh mình muốn nhận).",
             "Không nên rút BHXH một lần: thời gian đã đóng được giữ lại; ở quê có thể đóng "
             "tiếp BHXH tự nguyện để có lương hưu.",
             "Trong thời gian nhận trợ cấp thất nghiệp được cấp thẻ BHYT; sau đó mua BHYT hộ "
             "gia đình để không bị gián đoạn."],
            [("Tôi không biết công ty đã đóng BHXH cho tôi chưa?",
              "Xem trên VssID hoặc nhờ cán bộ BHXH tra cứu bằng mã số BHXH hoặc số CCCD."),
             ("Làm hồ sơ cần những gì?",
              "Đơn đề nghị, quyết định nghỉ việc hoặc hợp đồng đã hết hạn, sổ BHXH. Cán bộ "
              "BHXH hướng dẫn cụ thể.")]),
        "en": (
            "Home from a factory job: keep your BHXH, claim unemployment benefit",
            ["People from the village who work in industrial zones on a labour contract have "
             "had BHXH and unemployment insurance paid by their company.",
             "On leaving the job and coming home, apply for unemployment benefit at the "
             "employment service centre within the time the rules set (in the province where "
             "you want to be paid).",
             "Do not take BHXH out as a lump sum: the years paid are kept, and at home you can "
             "go on with voluntary BHXH towards a pension.",
             "While receiving unemployment benefit you get a BHYT card; after it, buy "
             "household BHYT so that cover does not lapse."],
            [("I do not know whether my company paid BHXH for me.",
              "Look on VssID, or ask the BHXH officer to check with your BHXH or CCCD number."),
             ("What papers do I need?",
              "The application, the decision ending the job or the expired contract, and the "
              "BHXH book. The BHXH officer explains the details.")]),
        "hnj": (
            "Mus ua haujlwm tuam txhab rov los tsev: khaws koj cov BHXH, txais nyiaj pab poob "
            "haujlwm",
            ["Cov neeg hauv zos mus ua haujlwm hauv cov chaw ua hoobkas, muaj daim ntawv cog "
             "lus, tuam txhab twb them BHXH thiab pov hwm poob haujlwm rau lawv.",
             "Thaum tawm haujlwm rov los tsev, hauv lub sij hawm teev tseg xa ntaub ntawv thov "
             "nyiaj pab poob haujlwm rau chaw pab nrhiav haujlwm (xa tau hauv lub xeev uas koj "
             "xav txais).",
             "Tsis txhob rho BHXH ib zaug: sij hawm twb them tseem khaws cia; nyob tsev koom "
             "tau BHXH yeem koom ntxiv kom muaj nyiaj laus.",
             "Thaum tau nyiaj pab poob haujlwm tau daim npav BHYT; tom qab ntawd yuav BHYT tsev "
             "neeg kom tsis txhob tu ntxiv."],
            [("Kuv tsis paub seb tuam txhab puas twb them BHXH rau kuv?",
              "Saib hauv VssID los thov neeg ua haujlwm BHXH nrhiav nrog tus lej BHXH los tus "
              "lej CCCD."),
             ("Ua ntaub ntawv yuav tsum muaj dab tsi?",
              "Daim ntawv thov, daim ntawv tso tawm haujlwm los daim ntawv cog lus uas tas lawm, "
              "phau ntawv BHXH. Neeg ua haujlwm BHXH qhia meej.")]),
        "blt": (
            "ꪼꪜ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪀ ꪣꪱ ꪹꪭꪙ: ꪹꪀꪸꪚ BHXH ꪻꪫ, ꪹꪮꪱ ꪹꪉꪷꪙ BHTN",
            ["ꫛ ꪻꪙ ꪚꪱꪙ ꪼꪜ ꪹꪤꪸꪒ ꪫꪸꪀ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪼꪀ, ꪣꪲ ꪻꪚ ꪎꪰꪑꪱ, ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪎꪸ BHXH "
             "ꪀꪾꪚ BHTN ꪻꪬ ꪵꪩꪫ.",
             "ꪣꪳ ꪹꪚꪱ ꪹꪤꪸꪒ ꪫꪸꪀ ꪣꪱ ꪹꪭꪙ, ꪀꪮꪙ ꪶꪢꪒ ꪹꪖꪷ ꪔꪱꪣ ꪀꪷꪒ ꪎꪷꪉ ꪻꪚ ꪖꪱꪣ ꪹꪉꪷꪙ BHTN ꪻꪬ "
             "ꪹꪭꪙ ꪏꪺꪥ ꪬꪱ ꪫꪸꪀ ꪹꪤꪸꪒ (ꪎꪷꪉ ꪼꪒ ꪻꪙ ꪹꪣꪉ ꪕꪳ ꪤꪱꪀ ꪹꪮꪱ ꪹꪉꪷꪙ).",
             "ꪹꪚꪱ ꪔꪮꪉ ꪹꪮꪱ ꪹꪉꪷꪙ BHXH ꪮꪮꪀ ꪣꪳ ꪹꪒꪸꪫ: ꪹꪖꪷ ꪎꪸ ꪵꪩꪫ ꪹꪀꪸꪚ ꪻꪫ; ꪤꪴ ꪹꪭꪙ ꪎꪸ BHXH "
             "ꪕꪳ ꪉꪫꪸꪙ ꪔꪳꪒ ꪼꪜ ꪼꪒ, ꪵꪩꪫ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ.",
             "ꪣꪳ ꪼꪒ ꪹꪉꪷꪙ BHTN ꪼꪒ ꪵꪖ BHYT; ꪩꪰꪉ ꪙꪲ ꪏꪳ BHYT ꪹꪭꪙ ꪹꪚꪱ ꪻꪬ ꪄꪱꪒ."],
            [("ꪀꪰ ꪹꪚꪱ ꪭꪴ ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ ꪎꪸ BHXH ꪻꪬ ꪀꪰ ꪵꪩꪫ ꪭꪳ ꪑꪰꪉ?",
              "ꪹꪚꪷꪉ ꪻꪙ VssID ꪭꪳ ꪖꪱꪣ ꪀꪱꪙ ꪶꪛ BHXH ꪬꪱ ꪀꪾꪚ ꪶꪎ BHXH ꪭꪳ ꪶꪎ CCCD."),
             ("ꪵꪔꪣ ꪻꪚ ꪔꪮꪉ ꪣꪲ ꪻꪚ ꪻꪒ?",
              "ꪻꪚ ꪖꪱꪣ, ꪻꪚ ꪹꪚꪱ ꪹꪤꪸꪒ ꪫꪸꪀ ꪭꪳ ꪻꪚ ꪎꪰꪑꪱ ꪶꪢꪒ ꪭꪰꪙ, ꪻꪚ BHXH. ꪀꪱꪙ ꪶꪛ BHXH ꪹꪫꪱ "
              "ꪻꪬ ꪭꪴ.")]),
        "ium": (
            "Mingh go zoux gong nzuonx biauv: louc jienv BHXH, zipv BHTN nyei nyaanh",
            ["Laangz gu'nyuoz mingh go gong-cangv zoux gong, maaih ngaengc waac ceh nyei "
             "mienh, gong-ziouv cuotv jiex BHXH caux BHTN bun ninh mbuo aqv.",
             "Cuotv gong nzuonx biauv nyei ziangh hoc, ziux leiz nyei hnoi-hlaax fungx sou "
             "mingh tengx lorz gong nyei dorngx tov BHTN nyei nyaanh (oix yiem haaix norm sengv "
             "zipv, haih yiem wuov fungx).",
             "Maiv dungx yietc nzunc zorqv BHXH nyei nyaanh: cuotv jiex nyei ziangh hoc louc "
             "jienv; yiem biauv haih aengx cuotv BHXH ganh oix bieqc, gox zanc maaih gox zanc "
             "nyei nyaanh.",
             "Zipv BHTN nyei ziangh hoc duqv BHYT tex; nqa'haav maaiz BHYT biauv zong, maiv bun "
             "dingh."],
            [("Yie maiv hiuv gong-ziouv cuotv jiex BHXH bun yie fai maiv gaengh?",
              "Yiem VssID mangc fai tov BHXH nyei gaanv bou longc BHXH nyei sou-mbuo fai CCCD "
              "nyei sou-mbuo lorz."),
             ("Fiev sou oix zuqc maaih haaix nyungc?",
              "Tov nyei ceh, cuotv gong nyei ceh fai dangx hnoi nyei ngaengc waac ceh, BHXH "
              "nyei sou. BHXH nyei gaanv bou njaaux.")]),
    }),
    ("pupils", "pupil_bhyt", {
        "vi": (
            "BHYT học sinh, sinh viên: thẻ của em, sức khỏe của em",
            ["Mọi học sinh, sinh viên đều tham gia BHYT, đóng qua nhà trường; Nhà nước hỗ trợ "
             "một phần.",
             "Có thẻ, khi ốm hay bị thương ở trường hay ở nhà, em được khám chữa bệnh và quỹ "
             "BHYT trả phần lớn chi phí.",
             "Một phần tiền BHYT được để lại cho phòng y tế trường để sơ cứu và chăm sóc sức "
             "khỏe cho các em.",
             "Mang thẻ, CCCD gắn chip hoặc thẻ trên VssID khi đi khám; nhắc bố mẹ gia hạn thẻ "
             "đúng hạn."],
            [("Em đã có thẻ do Nhà nước đóng vì là người dân tộc thiểu số?",
              "Báo thầy cô chủ nhiệm để không phải đóng trùng; thẻ của em vẫn dùng như bình "
              "thường."),
             ("Nghỉ hè thẻ có dùng được không?",
              "Có, thẻ dùng được đến ngày hết hạn ghi trên thẻ.")]),
        "en": (
            "BHYT for pupils and students: your card, your health",
            ["Every pupil and student is in BHYT, paid through the school; the state pays "
             "part.",
             "With the card, when you are ill or hurt at school or at home, you are treated "
             "and BHYT pays most of the cost.",
             "Part of the BHYT money stays with the school's health room, for first aid and "
             "for looking after pupils' health.",
             "Bring the card, a chip CCCD or the card on VssID when you see a doctor; remind "
             "your parents to renew it on time."],
            [("I already have a state-paid card because I belong to an ethnic minority.",
              "Tell your class teacher so that you do not pay twice; your card works as "
              "usual."),
             ("Does the card work in the summer holidays?",
              "Yes, until the expiry date printed on it.")]),
        "hnj": (
            "BHYT rau tub ntxhais kawm ntawv: koj daim npav, koj txoj kev noj qab nyob zoo",
            ["Txhua tus tub ntxhais kawm ntawv koom BHYT, them ntawm tsev kawm ntawv; tsoom fwv "
             "pab ib feem.",
             "Muaj daim npav, thaum mob los raug mob ntawm tsev kawm ntawv los hauv tsev, koj "
             "tau kho mob thiab BHYT them feem ntau ntawm tus nqi.",
             "Ib feem nyiaj BHYT tseg rau chav kho mob ntawm tsev kawm ntawv los pab thaum mob "
             "ceev thiab saib xyuas koj kev noj qab nyob zoo.",
             "Nqa daim npav, daim CCCD muaj chip los daim npav hauv VssID thaum mus kho mob; "
             "ceeb toom niam txiv kom txuas daim npav raws sij hawm."],
            [("Kuv twb muaj daim npav tsoom fwv them vim kuv yog haiv neeg tsawg?",
              "Qhia rau koj tus xib fwb kom tsis txhob them ob zaug; koj daim npav tseem siv tau "
              "li qub."),
             ("Caij so kawm ntawv daim npav puas siv tau?",
              "Siv tau, mus txog hnub tas sij hawm sau rau ntawm daim npav.")]),
        "blt": (
            "BHYT ꫛ ꪭꪸꪙ ꪎꪳ: ꪵꪖ ꪄꪮꪉ ꪹꪋꪱ, ꪀꪱꪥ ꪹꪋꪱ ꪒꪲ",
            ["ꫛ ꪭꪸꪙ ꪎꪳ ꪕꪰꪉ ꪶꪢꪒ ꪒꪰꪉ ꪀꪲ BHYT, ꪎꪸ ꪔꪱꪣ ꪹꪭꪙ ꪭꪸꪙ; ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ ꪀꪷꪙ ꪙꪳꪉ.",
             "ꪣꪲ ꪵꪖ, ꪣꪳ ꪹꪊꪚ ꪻꪙ ꪹꪭꪙ ꪭꪸꪙ ꪭꪳ ꪻꪙ ꪹꪭꪙ, ꪹꪋꪱ ꪼꪒ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪀꪾꪚ BHYT ꪎꪸ ꪹꪉꪷꪙ "
             "ꪤꪱ ꪨꪱꪥ.",
             "ꪹꪉꪷꪙ BHYT ꪀꪷꪙ ꪙꪳꪉ ꪹꪀꪸꪚ ꪻꪫ ꪻꪬ ꪭꪮꪉ ꪤꪱ ꪹꪭꪙ ꪭꪸꪙ ꪹꪚꪷꪉ ꪩꪴꪀ ꪣꪳ ꪹꪊꪚ.",
             "ꪹꪮꪱ ꪵꪖ, ꪵꪖ CCCD ꪭꪳ ꪵꪖ ꪻꪙ VssID ꪼꪜ ꪀꪾꪚ ꪣꪳ ꪼꪜ ꪹꪭꪙ ꪤꪱ; ꪹꪫꪱ ꪻꪬ ꪜꪷ ꪵꪣ ꪔꪷ ꪵꪖ "
             "ꪀꪮꪙ ꪶꪢꪒ ꪭꪰꪙ."],
            [("ꪀꪰ ꪣꪲ ꪵꪖ ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ ꪻꪬ ꪵꪩꪫ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪹꪫꪱ ꪻꪬ ꪄꪴ ꪭꪮꪉ ꪭꪴ ꪹꪚꪱ ꪻꪬ ꪎꪸ ꪎꪮꪉ ꪖꪷꪉ; ꪵꪖ ꪄꪮꪉ ꪹꪋꪱ ꪑꪰꪉ ꪻꪋ ꪼꪒ ꪹꪏꪉ ꪀꪮꪙ."),
             ("ꪣꪳ ꪹꪚꪱ ꪼꪜ ꪭꪸꪙ, ꪵꪖ ꪻꪋ ꪼꪒ ꪭꪳ ꪹꪚꪱ?",
              "ꪻꪋ ꪼꪒ, ꪭꪮꪒ ꪣꪳ ꪶꪢꪒ ꪭꪰꪙ ꪵꪔꪣ ꪻꪙ ꪵꪖ.")]),
        "ium": (
            "Horqc saeng nyei BHYT: meih nyei tex, meih nyei sin",
            ["Yietc zungv horqc saeng bieqc BHYT, yiem horqc dorngh cuotv; hungh jaa tengx "
             "yietc deix.",
             "Maaih tex, yiem horqc dorngh fai yiem biauv mun fai zuqc siev, meih duqv zorc "
             "baengc, BHYT cuotv camv nyei nyaanh.",
             "BHYT nyei nyaanh louc yietc deix bun horqc dorngh nyei zorc baengc dorngx, weic "
             "mun gaengh nyei ziangh hoc tengx caux goux horqc saeng nyei sin.",
             "Mingh zorc baengc dorh tex, maaih chip nyei CCCD fai VssID nyei tex; mbuox "
             "die-maa maiv gaengh dangx hnoi aengx maaiz tex."],
            [("Yie se fingx-siex mienh, maaih hungh jaa cuotv nyaanh nyei tex aqv?",
              "Mbuox meih nyei sin-seix, maiv dungx cuotv i nzunc; meih nyei tex corc longc "
              "duqv hnangv loz nor."),
             ("Hitv horqc nyei ziangh hoc tex longc duqv fai?",
              "Longc duqv, taux tex gu'nyuoz fiev jienv nyei dangx hnoi.")]),
    }),
    ("pupils", "vssid", {
        "vi": (
            "VssID cho học sinh, sinh viên: thẻ BHYT trên điện thoại",
            ["Học sinh, sinh viên đã có CCCD có thể tự đăng ký VssID; em chưa có CCCD dùng thẻ "
             "BHYT giấy.",
             "Trên VssID, em xem thẻ BHYT, hạn thẻ, nơi khám ban đầu và dùng thẻ trên điện "
             "thoại khi đi khám.",
             "Giúp ông bà, bố mẹ cài VssID để cả nhà theo dõi thẻ BHYT và BHXH của mình.",
             "Không chia sẻ mật khẩu, mã OTP; cán bộ BHXH không bao giờ hỏi mật khẩu."],
            [("Em chưa có điện thoại?",
              "Thẻ BHYT giấy hoặc CCCD gắn chip vẫn dùng được khi đi khám."),
             ("Cài VssID có mất tiền không?",
              "Không, ứng dụng miễn phí.")]),
        "en": (
            "VssID for pupils and students: the BHYT card on your phone",
            ["Pupils and students who have a CCCD can register on VssID themselves; those "
             "without one use the paper BHYT card.",
             "On VssID you see your BHYT card, its expiry date and your first-contact "
             "facility, and you show the card on your phone at the clinic.",
             "Help your grandparents and parents install VssID so that the whole family can "
             "follow their BHYT cards and BHXH.",
             "Never share your password or an OTP code; BHXH officers never ask for "
             "passwords."],
            [("I have no phone yet.",
              "The paper BHYT card or a chip CCCD still works at the clinic."),
             ("Does VssID cost anything?",
              "No, the app is free.")]),
        "hnj": (
            "VssID rau tub ntxhais kawm ntawv: daim npav BHYT hauv xov tooj",
            ["Tub ntxhais kawm ntawv uas twb muaj CCCD sau npe tau VssID tus kheej; cov tsis "
             "tau muaj CCCD siv daim npav BHYT ntawv.",
             "Hauv VssID, koj saib tau daim npav BHYT, hnub tas sij hawm, qhov chaw kho mob "
             "thawj zaug thiab siv daim npav hauv xov tooj thaum mus kho mob.",
             "Pab yawm txiv pog niam thiab niam txiv nruab VssID kom tag nrho tsev neeg saib "
             "tau lawv daim npav BHYT thiab BHXH.",
             "Tsis txhob qhia lo lus zais los tus lej OTP; neeg ua haujlwm BHXH yeej tsis nug "
             "koj lo lus zais."],
            [("Kuv tsis tau muaj xov tooj?",
              "Daim npav BHYT ntawv los daim CCCD muaj chip tseem siv tau thaum mus kho mob."),
             ("Nruab VssID puas them nyiaj?",
              "Tsis them, daim app yog dawb.")]),
        "blt": (
            "VssID ꪻꪬ ꫛ ꪭꪸꪙ ꪎꪳ: ꪵꪖ BHYT ꪻꪙ ꪒꪸꪙ ꪖꪺꪥ",
            ["ꫛ ꪭꪸꪙ ꪎꪳ ꪣꪲ ꪵꪖ CCCD ꪵꪩꪫ ꪒꪰꪉ ꪀꪲ VssID ꪕꪳ ꪼꪒ; ꫛ ꪑꪰꪉ ꪹꪚꪱ ꪣꪲ ꪵꪖ CCCD ꪻꪋ "
             "ꪵꪖ BHYT ꪻꪚ.",
             "ꪻꪙ VssID, ꪹꪋꪱ ꪹꪚꪷꪉ ꪵꪖ BHYT, ꪣꪳ ꪶꪢꪒ ꪭꪰꪙ, ꪹꪭꪙ ꪤꪱ ꪒꪰꪉ ꪀꪲ ꪀꪾꪚ ꪻꪋ ꪵꪖ ꪻꪙ ꪒꪸꪙ "
             "ꪕꪺꪼꪭ ꪣꪳ ꪼꪜ ꪹꪭꪙ ꪤꪱ.",
             "ꪏꪺꪥ ꪜꪴ ꪑꪱ, ꪜꪷ ꪵꪣ ꪻꪎ VssID, ꪵꪩꪫ ꫛ ꪻꪙ ꪹꪭꪙ ꪹꪚꪷꪉ ꪵꪖ BHYT ꪀꪾꪚ BHXH ꪼꪒ.",
             "ꪹꪚꪱ ꪔꪮꪉ ꪹꪫꪱ ꪁꪫꪱꪣ ꪩꪰꪚ ꪭꪳ ꪶꪎ OTP ꪻꪬ ꫛ ꪻꪒ; ꪀꪱꪙ ꪶꪛ BHXH ꪹꪚꪱ ꪖꪱꪣ ꪁꪫꪱꪣ ꪩꪰꪚ "
             "ꪄꪮꪉ ꪹꪋꪱ."],
            [("ꪀꪰ ꪑꪰꪉ ꪹꪚꪱ ꪣꪲ ꪒꪸꪙ ꪖꪺꪥ?",
              "ꪵꪖ BHYT ꪻꪚ ꪭꪳ ꪵꪖ CCCD ꪑꪰꪉ ꪻꪋ ꪼꪒ ꪣꪳ ꪼꪜ ꪹꪭꪙ ꪤꪱ."),
             ("ꪻꪎ VssID ꪔꪮꪉ ꪎꪸ ꪹꪉꪷꪙ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪔꪮꪉ ꪎꪸ.")]),
        "ium": (
            "Horqc saeng nyei VssID: dien-waac gu'nyuoz nyei BHYT tex",
            ["Maaih CCCD aqv nyei horqc saeng haih ganh fiev VssID; maiv gaengh maaih CCCD nyei "
             "longc BHYT nyei tex.",
             "Yiem VssID meih mangc duqv BHYT tex, dangx haaix hnoi, da'yietv zorc baengc "
             "dorngx, yaac mingh zorc baengc nyei ziangh hoc longc dien-waac gu'nyuoz nyei "
             "tex.",
             "Tengx ong-gouv, die-maa buov VssID, bun yietc biauv zong mangc duqv ganh nyei BHYT "
             "caux BHXH.",
             "Maiv dungx bun mienh hiuv bingx nyei waac fai OTP nyei sou-mbuo; BHXH nyei "
             "gong-mienh maiv zeiz naaic meih nyei bingx nyei waac."],
            [("Yie maiv gaengh maaih dien-waac?",
              "BHYT nyei tex fai maaih chip nyei CCCD mingh zorc baengc corc longc duqv."),
             ("Buov VssID oix zuqc cuotv nyaanh fai?",
              "Maiv zuqc, maiv longc nyaanh.")]),
    }),
    ("pupils", "bhyt_care", {
        "vi": (
            "Dùng thẻ BHYT học sinh khi ốm đau",
            ["Thấy mệt ở trường, báo thầy cô và đến phòng y tế của trường.",
             "Ở nhà hoặc ngoài giờ học, đến trạm y tế xã hay nơi đăng ký khám ban đầu ghi trên "
             "thẻ.",
             "Mang thẻ BHYT, CCCD gắn chip hoặc thẻ trên VssID; cấp cứu thì đến cơ sở y tế gần "
             "nhất.",
             "Giữ thẻ cẩn thận, xem hạn thẻ và nhắc bố mẹ gia hạn."],
            [("Đi học xa nhà có khám được không?",
              "Được: đăng ký nơi khám ban đầu gần trường, hoặc hỏi phòng y tế trường."),
             ("Mất thẻ thì làm sao?",
              "Dùng CCCD gắn chip hoặc VssID; báo nhà trường để được cấp lại.")]),
        "en": (
            "Using a pupil's BHYT card when you are ill",
            ["Feeling unwell at school? Tell your teacher and go to the school's health room.",
             "At home or out of school hours, go to the commune health station or the "
             "first-contact facility printed on the card.",
             "Bring the BHYT card, a chip CCCD or the card on VssID; in an emergency, go to the "
             "nearest health facility.",
             "Keep the card safe, check its expiry date and remind your parents to renew it."],
            [("I study far from home. Can I see a doctor there?",
              "Yes: register a first-contact facility near the school, or ask the school's "
              "health room."),
             ("What if I lose my card?",
              "Use a chip CCCD or VssID; tell the school so that a new card is issued.")]),
        "hnj": (
            "Siv daim npav BHYT tub ntxhais kawm ntawv thaum mob",
            ["Thaum koj tsis xis nyob ntawm tsev kawm ntawv, qhia rau xib fwb thiab mus rau chav "
             "kho mob ntawm tsev kawm ntawv.",
             "Nyob tsev los tsis yog sij hawm kawm ntawv, mus rau chaw kho mob hauv zos los "
             "qhov chaw kho mob thawj zaug sau rau ntawm daim npav.",
             "Nqa daim npav BHYT, daim CCCD muaj chip los daim npav hauv VssID; mob hnyav ceev "
             "mus rau qhov chaw kho mob ze tshaj.",
             "Khaws daim npav kom zoo, saib hnub tas sij hawm thiab ceeb toom niam txiv txuas "
             "ntxiv."],
            [("Kawm ntawv deb tsev puas kho mob tau?",
              "Tau: sau npe qhov chaw kho mob thawj zaug ze tsev kawm ntawv, los nug chav kho "
              "mob ntawm tsev kawm ntawv."),
             ("Daim npav ploj yuav ua li cas?",
              "Siv daim CCCD muaj chip los VssID; qhia rau tsev kawm ntawv kom muab daim "
              "tshiab.")]),
        "blt": (
            "ꪻꪋ ꪵꪖ BHYT ꫛ ꪭꪸꪙ ꪎꪳ ꪣꪳ ꪹꪊꪚ",
            ["ꪣꪳ ꪹꪚꪱ ꪒꪲ ꪻꪙ ꪹꪭꪙ ꪭꪸꪙ, ꪹꪫꪱ ꪻꪬ ꪄꪴ ꪭꪴ ꪀꪾꪚ ꪼꪜ ꪭꪮꪉ ꪤꪱ ꪹꪭꪙ ꪭꪸꪙ.",
             "ꪤꪴ ꪹꪭꪙ ꪭꪳ ꪹꪚꪱ ꪜꪸꪙ ꪣꪳ ꪭꪸꪙ, ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪎꪱ ꪭꪳ ꪹꪭꪙ ꪤꪱ ꪵꪔꪣ ꪻꪙ ꪵꪖ.",
             "ꪹꪮꪱ ꪵꪖ BHYT, ꪵꪖ CCCD ꪭꪳ ꪵꪖ ꪻꪙ VssID ꪼꪜ ꪀꪾꪚ; ꪹꪊꪚ ꪘꪰꪀ ꪼꪫ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪻꪀ ꪎꪳꪒ.",
             "ꪹꪀꪸꪚ ꪵꪖ ꪻꪫ ꪒꪲ, ꪹꪚꪷꪉ ꪣꪳ ꪶꪢꪒ ꪭꪰꪙ ꪀꪾꪚ ꪹꪫꪱ ꪻꪬ ꪜꪷ ꪵꪣ ꪔꪷ ꪵꪖ."],
            [("ꪼꪜ ꪭꪸꪙ ꪼꪀ ꪹꪭꪙ, ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪼꪒ ꪭꪳ ꪹꪚꪱ?",
              "ꪼꪒ: ꪒꪰꪉ ꪀꪲ ꪹꪭꪙ ꪤꪱ ꪄꪱꪉ ꪹꪭꪙ ꪭꪸꪙ, ꪭꪳ ꪖꪱꪣ ꪭꪮꪉ ꪤꪱ ꪹꪭꪙ ꪭꪸꪙ."),
             ("ꪵꪖ ꪭꪱꪥ ꪹꪤꪸꪒ ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪻꪋ ꪵꪖ CCCD ꪭꪳ VssID; ꪹꪫꪱ ꪻꪬ ꪹꪭꪙ ꪭꪸꪙ ꪹꪮꪱ ꪵꪖ ꪻꪢ ꪻꪬ.")]),
        "ium": (
            "Mun nyei ziangh hoc longc horqc saeng nyei BHYT tex",
            ["Yiem horqc dorngh maiv kuh, mbuox sin-seix yaac mingh horqc dorngh nyei zorc "
             "baengc dorngx.",
             "Yiem biauv fai maiv zeiz horqc nyei ziangh hoc, mingh laangz nyei zorc baengc "
             "dorngx fai tex gu'nyuoz fiev jienv nyei da'yietv zorc baengc dorngx.",
             "Dorh BHYT tex, maaih chip nyei CCCD fai VssID nyei tex; baengc hniev gaengh mingh "
             "gauh fatv nyei zorc baengc dorngx.",
             "Longx longx nyei louc jienv tex, mangc dangx haaix hnoi yaac mbuox die-maa aengx "
             "maaiz."],
            [("Mingh go horqc, haih zorc baengc fai?",
              "Haih: fiev fatv horqc dorngh nyei da'yietv zorc baengc dorngx, fai naaic horqc "
              "dorngh nyei zorc baengc dorngx."),
             ("Tex mingh nzengc, hnangv haaix nor?",
              "Longc maaih chip nyei CCCD fai VssID; mbuox horqc dorngh weic aengx duqv siang "
              "tex.")]),
    }),
    ("health_facilities", "bhyt_care", {
        "vi": (
            "Cơ sở y tế: đón tiếp người bệnh có thẻ BHYT chu đáo",
            ["Nhận khám bằng thẻ BHYT giấy, CCCD gắn chip hoặc thẻ trên VssID; không đòi người "
             "bệnh giấy tờ không cần thiết.",
             "Giải thích rõ cho người bệnh, bằng tiếng của họ khi có thể, phần quỹ BHYT trả và "
             "phần phải cùng chi trả; không thu khoản ngoài quy định.",
             "Đủ thuốc, vật tư trong danh mục BHYT; chuyển tuyến kịp thời, đúng quy định.",
             "Ân cần với người dân tộc thiểu số, người cao tuổi, trẻ em: một lần khám chu đáo "
             "là lời tuyên truyền BHYT tốt nhất."],
            [("Người bệnh quên thẻ thì xử lý thế nào?",
              "Tra cứu bằng CCCD gắn chip hoặc VssID; nếu không có, hướng dẫn bổ sung giấy tờ "
              "trong thời gian quy định."),
             ("Người bệnh phàn nàn phải mua thuốc ngoài?",
              "Kiểm tra lại danh mục thuốc BHYT; báo BHXH khi thiếu thuốc để cùng giải "
              "quyết.")]),
        "en": (
            "Health facilities: a good welcome for patients with a BHYT card",
            ["Accept the paper BHYT card, a chip CCCD or the card on VssID; ask patients for no "
             "paper that is not needed.",
             "Explain clearly to patients, in their language where you can, what BHYT pays and "
             "what they pay themselves; charge nothing the rules do not allow.",
             "Keep the medicines and supplies of the BHYT list in stock; refer patients on in "
             "time and by the rules.",
             "Be kind to ethnic minorities, the elderly and children: one good visit is the "
             "best advertisement BHYT can have."],
            [("A patient forgot the card. What do we do?",
              "Look it up with a chip CCCD or VssID; without them, explain which papers to "
              "bring within the time the rules allow."),
             ("Patients complain they must buy medicines outside.",
              "Check the BHYT medicine list again; tell BHXH when medicines run short so that "
              "you solve it together.")]),
        "hnj": (
            "Chaw kho mob: txais tos cov neeg mob muaj daim npav BHYT kom zoo",
            ["Txais kho mob nrog daim npav BHYT ntawv, daim CCCD muaj chip los daim npav hauv "
             "VssID; tsis txhob thov neeg mob cov ntaub ntawv tsis tsim nyog.",
             "Piav meej rau neeg mob, ua lawv hom lus yog ua tau, seb BHYT them npaum li cas "
             "thiab lawv yuav tsum them npaum li cas; tsis txhob sau nyiaj dhau txoj cai.",
             "Muaj tshuaj thiab khoom siv txaus raws BHYT cov npe; xa neeg mob mus lwm qhov "
             "raws sij hawm thiab raws txoj cai.",
             "Ua siab zoo rau haiv neeg tsawg, neeg laus thiab menyuam yaus: ib zaug kho mob "
             "zoo yog txoj kev qhia txog BHYT zoo tshaj plaws."],
            [("Neeg mob tsis nco nqa daim npav yuav ua li cas?",
              "Nrhiav nrog daim CCCD muaj chip los VssID; yog tsis muaj, qhia lawv coj ntaub "
              "ntawv tuaj ntxiv hauv lub sij hawm teev tseg."),
             ("Neeg mob yws tias yuav tsum yuav tshuaj sab nraud?",
              "Saib dua BHYT cov npe tshuaj; qhia rau BHXH thaum tsis muaj tshuaj txaus kom "
              "nrog daws.")]),
        "blt": (
            "ꪹꪭꪙ ꪤꪱ: ꪹꪮꪱ ꪻꪊ ꪻꪎ ꫛ ꪹꪊꪚ ꪣꪲ ꪵꪖ BHYT",
            ["ꪹꪀꪸꪚ ꫛ ꪹꪊꪚ ꪀꪾꪚ ꪵꪖ BHYT ꪻꪚ, ꪵꪖ CCCD ꪭꪳ ꪵꪖ ꪻꪙ VssID; ꪹꪚꪱ ꪖꪱꪣ ꪻꪚ ꪹꪚꪱ ꪔꪮꪉ "
             "ꪣꪲ.",
             "ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪊꪚ ꪭꪴ ꪋꪰꪒ, ꪻꪋ ꪁꪫꪱꪣ ꪜꪱꪀ ꫛ ꪹꪊꪚ ꪖꪱ ꪼꪒ, BHYT ꪎꪸ ꪀꪲ ꪀꪾꪚ ꫛ ꪹꪊꪚ "
             "ꪔꪮꪉ ꪎꪸ ꪀꪲ; ꪹꪚꪱ ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪻꪎ ꪹꪚꪱ ꪔꪱꪣ ꪀꪷꪒ.",
             "ꪣꪲ ꪤꪱ ꪀꪾꪚ ꪄꪮꪉ ꪻꪋ ꪕꪰꪉ ꪶꪢꪒ ꪔꪱꪣ ꪻꪚ ꪋꪳ BHYT; ꪑꪱꪥ ꫛ ꪹꪊꪚ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪮꪳꪙ ꪼꪫ, "
             "ꪔꪮꪉ ꪀꪷꪒ.",
             "ꪻꪊ ꪒꪲ ꪻꪬ ꫛ ꪹꪤꪷꪙ ꪶꪕꪀ ꪙꪮꪥ, ꫛ ꪹꪖꪱ, ꪩꪴꪀ ꪙꪮꪥ: ꪖꪷꪉ ꪒꪸꪫ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪒꪲ ꪜꪸꪙ "
             "ꪁꪫꪱꪣ ꪹꪫꪱ BHYT ꪒꪲ ꪎꪳꪒ."],
            [("ꫛ ꪹꪊꪚ ꪩꪳꪣ ꪹꪮꪱ ꪵꪖ ꪣꪱ, ꪹꪤꪸꪒ ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪬꪱ ꪀꪾꪚ ꪵꪖ CCCD ꪭꪳ VssID; ꪖꪱ ꪹꪚꪱ ꪣꪲ, ꪹꪫꪱ ꪻꪬ ꪹꪮꪱ ꪻꪚ ꪣꪱ ꪻꪎ ꪀꪮꪙ ꪶꪢꪒ ꪹꪖꪷ."),
             ("ꫛ ꪹꪊꪚ ꪹꪫꪱ ꪔꪮꪉ ꪏꪳ ꪤꪱ ꪻꪙ ꪹꪭꪙ ꪄꪱꪥ ꪤꪱ?",
              "ꪹꪚꪷꪉ ꪻꪚ ꪋꪳ ꪤꪱ BHYT ꪻꪢ; ꪣꪳ ꪄꪱꪒ ꪤꪱ ꪹꪫꪱ ꪻꪬ BHXH ꪣꪱ ꪏꪺꪥ ꪹꪤꪸꪒ.")]),
        "ium": (
            "Zorc baengc dorngx: longx longx nyei zipv maaih BHYT tex nyei baengc mienh",
            ["Longc BHYT tex, maaih chip nyei CCCD fai VssID nyei tex zipv baengc mienh; maiv "
             "dungx tov baengc mienh maiv longc nyei sou.",
             "Haih nor, longc baengc mienh ganh nyei waac gorngv mengh bun ninh hiuv BHYT "
             "cuotv haaix deix, ninh ganh oix zuqc cuotv haaix deix; maiv dungx siou leiz maiv "
             "maaih nyei nyaanh.",
             "Ziux BHYT nyei mbuox-daan maaih buang ndie caux longc nyei ga'naaiv; ziux leiz "
             "liemh zanc fungx baengc mienh mingh gauh hlo nyei dorngx.",
             "Longx hnyouv nyei zipv fingx-siex mienh, mienh gox caux fu'jueiv: yietc nzunc "
             "longx longx nyei zorc baengc se gorngv BHYT gauh longx jiex nyei waac."],
            [("Baengc mienh maiv jangx dorh tex, oix hnangv haaix nor?",
              "Longc maaih chip nyei CCCD fai VssID lorz; maiv maaih, njaaux ninh ziux leiz "
              "nyei hnoi-hlaax dorh sou daaih."),
             ("Baengc mienh gorngv oix zuqc yiem gu'nguaaic maaiz ndie?",
              "Aengx mangc BHYT nyei ndie mbuox-daan; ndie maiv buang nyei ziangh hoc mbuox "
              "BHXH daaih caux zorc.")]),
    }),
    ("health_facilities", "household_bhyt", {
        "vi": (
            "Cơ sở y tế: tư vấn người bệnh chưa có thẻ mua BHYT hộ gia đình",
            ["Người đến khám chưa có thẻ BHYT là người cần được tư vấn ngay: giới thiệu BHYT "
             "hộ gia đình và nơi mua (đại lý thu ở xã, bưu điện).",
             "Mức đóng: người thứ nhất {household_bhyt_first_yearly} đồng/năm; người thứ hai "
             "{household_bhyt_second_yearly}, người thứ ba {household_bhyt_third_yearly}, "
             "người thứ tư {household_bhyt_fourth_yearly}, từ người thứ năm "
             "{household_bhyt_fifth_yearly} đồng/năm.",
             "Nhắc người bệnh có thẻ sắp hết hạn gia hạn sớm.",
             "Khi người bệnh đồng ý, báo cán bộ BHXH tên người chưa có thẻ để đến tư vấn tại "
             "nhà."],
            [("Mua thẻ hôm nay có dùng được ngay không?",
              "Thẻ mua lần đầu hoặc mua lại sau khi gián đoạn có giá trị sau một thời gian theo "
              "quy định; gia hạn liên tục thì không bị gián đoạn. Vì vậy nên mua trước khi "
              "ốm."),
             ("Trẻ dưới 6 tuổi chưa có thẻ?",
              "Trẻ dưới 6 tuổi được cấp thẻ miễn phí; hướng dẫn gia đình đăng ký khai sinh để "
              "được cấp thẻ.")]),
        "en": (
            "Health facilities: advising uninsured patients to buy household BHYT",
            ["A patient without a BHYT card needs advice at once: explain household BHYT and "
             "where to buy it (the commune's collection agent, the post office).",
             "What it costs: the first member {household_bhyt_first_yearly} VND a year; the "
             "second {household_bhyt_second_yearly}, the third {household_bhyt_third_yearly}, "
             "the fourth {household_bhyt_fourth_yearly}, from the fifth on "
             "{household_bhyt_fifth_yearly} VND a year.",
             "Remind patients whose card is about to expire to renew early.",
             "With the patient's consent, give the BHXH officer the names of people without a "
             "card, so that they are visited at home."],
            [("If I buy a card today, can I use it at once?",
              "A first card, or one bought again after a gap, takes effect after a while, as "
              "the rules say; renewing without a gap keeps cover unbroken. So buy before you "
              "fall ill."),
             ("A child under 6 has no card.",
              "Children under 6 get a free card; show the family how to register the birth so "
              "that the card is issued.")]),
        "hnj": (
            "Chaw kho mob: qhia cov neeg mob tsis tau muaj daim npav kom yuav BHYT tsev neeg",
            ["Tus neeg tuaj kho mob tsis tau muaj daim npav BHYT yog tus neeg yuav tsum qhia "
             "tam sim ntawd: qhia txog BHYT tsev neeg thiab qhov chaw yuav (neeg sau nyiaj hauv "
             "zos, chaw xa ntawv).",
             "Tus nqi them: thawj tus {household_bhyt_first_yearly} nyiaj ib xyoos; tus thib "
             "ob {household_bhyt_second_yearly}, tus thib peb {household_bhyt_third_yearly}, "
             "tus thib plaub {household_bhyt_fourth_yearly}, txij tus thib tsib mus "
             "{household_bhyt_fifth_yearly} nyiaj ib xyoos.",
             "Ceeb toom cov neeg mob uas daim npav yuav tas sij hawm kom txuas ntxiv ntxov.",
             "Thaum neeg mob pom zoo, qhia rau neeg ua haujlwm BHXH cov npe neeg tsis tau muaj "
             "daim npav kom lawv mus qhia hauv tsev."],
            [("Yuav daim npav hnub no puas siv tau tam sim?",
              "Daim npav yuav thawj zaug los yuav dua tom qab tu lawm siv tau tom qab ib ntus "
              "raws li txoj cai; txuas ntxiv tsis tu ces yeej siv tau. Yog li ntawd yuav ua "
              "ntej mob."),
             ("Menyuam yaus tsis txog 6 xyoos tsis tau muaj daim npav?",
              "Menyuam yaus tsis txog 6 xyoos tau daim npav dawb; qhia tsev neeg sau npe yug "
              "menyuam kom tau daim npav.")]),
        "blt": (
            "ꪹꪭꪙ ꪤꪱ: ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪊꪚ ꪹꪚꪱ ꪑꪰꪉ ꪣꪲ ꪵꪖ ꪏꪳ BHYT ꪹꪭꪙ",
            ["ꫛ ꪣꪱ ꪹꪭꪙ ꪤꪱ ꪹꪚꪱ ꪑꪰꪉ ꪣꪲ ꪵꪖ BHYT ꪜꪸꪙ ꫛ ꪔꪮꪉ ꪹꪫꪱ ꪻꪬ ꪭꪴ ꪼꪫ: ꪹꪫꪱ ꪹꪩꪷꪉ BHYT "
             "ꪹꪭꪙ ꪀꪾꪚ ꪚꪮꪙ ꪏꪳ (ꫛ ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪻꪙ ꪎꪱ, ꪹꪭꪙ ꪎꪷꪉ ꪻꪚ).",
             "ꪹꪉꪷꪙ ꪎꪸ: ꫛ ꪀꪮꪙ {household_bhyt_first_yearly} ꪹꪉꪷꪙ ꪋꪴ ꪜꪲ; ꫛ ꪕꪲ 2 "
             "{household_bhyt_second_yearly}, ꫛ ꪕꪲ 3 {household_bhyt_third_yearly}, ꫛ ꪕꪲ 4 "
             "{household_bhyt_fourth_yearly}, ꪕꪳ ꫛ ꪕꪲ 5 ꪼꪜ {household_bhyt_fifth_yearly} "
             "ꪹꪉꪷꪙ ꪋꪴ ꪜꪲ.",
             "ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪊꪚ ꪣꪲ ꪵꪖ ꪻꪀ ꪶꪢꪒ ꪭꪰꪙ ꪔꪷ ꪵꪖ ꪼꪫ.",
             "ꪖꪱ ꫛ ꪹꪊꪚ ꪹꪫꪱ ꪼꪒ, ꪹꪫꪱ ꪋꪳ ꫛ ꪹꪚꪱ ꪑꪰꪉ ꪣꪲ ꪵꪖ ꪻꪬ ꪀꪱꪙ ꪶꪛ BHXH ꪣꪱ ꪹꪫꪱ ꪻꪬ ꪭꪴ "
             "ꪻꪙ ꪹꪭꪙ."],
            [("ꪏꪳ ꪵꪖ ꪣꪳ ꪙꪲ ꪻꪋ ꪼꪒ ꪼꪫ ꪭꪳ ꪹꪚꪱ?",
              "ꪵꪖ ꪏꪳ ꪖꪷꪉ ꪀꪮꪙ ꪭꪳ ꪏꪳ ꪻꪢ ꪩꪰꪉ ꪄꪱꪒ ꪻꪋ ꪼꪒ ꪩꪰꪉ ꪹꪖꪷ ꪙꪳꪉ ꪔꪱꪣ ꪀꪷꪒ; ꪔꪷ ꪵꪖ ꪹꪚꪱ "
              "ꪄꪱꪒ ꪻꪋ ꪼꪒ ꪕꪰꪉ ꪶꪢꪒ. ꪏꪳ ꪀꪮꪙ ꪹꪊꪚ ꪒꪲ ꪀꪺ."),
             ("ꪩꪴꪀ ꪙꪮꪥ ꪹꪚꪱ ꪭꪮꪒ 6 ꪜꪲ ꪑꪰꪉ ꪹꪚꪱ ꪣꪲ ꪵꪖ?",
              "ꪩꪴꪀ ꪙꪮꪥ ꪹꪚꪱ ꪭꪮꪒ 6 ꪜꪲ ꪼꪒ ꪵꪖ ꪹꪚꪱ ꪎꪸ ꪹꪉꪷꪙ; ꪹꪫꪱ ꪻꪬ ꪹꪭꪙ ꪒꪰꪉ ꪀꪲ ꪩꪴꪀ ꪹꪀꪷꪒ "
              "ꪻꪢ ꪼꪒ ꪵꪖ.")]),
        "ium": (
            "Zorc baengc dorngx: njaaux maiv gaengh maaih tex nyei baengc mienh maaiz BHYT "
            "biauv zong",
            ["Daaih zorc baengc maiv gaengh maaih BHYT tex nyei mienh se oix zuqc liemh zanc "
             "njaaux nyei mienh: gorngv BHYT biauv zong bun ninh hiuv caux maaiz nyei dorngx "
             "(laangz nyei zipv nyaanh mienh, fungx sou dorngx).",
             "Cuotv nyaanh: da'yietv dauh {household_bhyt_first_yearly} nyaanh yietc hnyangx; "
             "da'nyeic dauh {household_bhyt_second_yearly}, da'faam dauh "
             "{household_bhyt_third_yearly}, da'feix dauh {household_bhyt_fourth_yearly}, "
             "da'hmz dauh faaux {household_bhyt_fifth_yearly} nyaanh yietc hnyangx.",
             "Mbuox tex fatv dangx hnoi nyei baengc mienh liemh zanc aengx maaiz.",
             "Baengc mienh kangv nor, mbuox BHXH nyei gaanv bou maiv gaengh maaih tex nyei "
             "mienh nyei mbuox, bun ninh mbuo mingh biauv njaaux."],
            [("Ih hnoi maaiz tex, liemh zanc longc duqv fai?",
              "Da'yietv nzunc maaiz fai dingh mi'aqv aengx maaiz nyei tex, ziux leiz jiex deix "
              "hnoi cingx longc duqv; maiv dingh aengx maaiz ziouc maiv dingh. Weic naaiv maiv "
              "gaengh mun ndaangc maaiz."),
             ("Fu'jueiv maiv gaengh taux 6 hnyangx maiv gaengh maaih tex?",
              "Fu'jueiv maiv gaengh taux 6 hnyangx duqv maiv longc nyaanh nyei tex; njaaux "
              "biauv zong fiev cuotv seix nyei sou weic duqv tex.")]),
    }),
    ("health_facilities", "vssid", {
        "vi": (
            "Cơ sở y tế: nhận thẻ BHYT trên VssID và CCCD gắn chip",
            ["Người bệnh có thể đưa thẻ BHYT trên VssID hoặc CCCD gắn chip thay cho thẻ giấy: "
             "quầy tiếp đón cần nhận và tra cứu được.",
             "Hướng dẫn người bệnh cài VssID khi chờ khám: tải “VssID – BHXH số”, đăng ký bằng "
             "số CCCD và số điện thoại.",
             "Trên VssID, người bệnh xem được lịch sử khám chữa bệnh BHYT của mình: ghi đúng, "
             "đủ để người bệnh tin tưởng.",
             "Nhân viên y tế không giữ hộ, không hỏi mật khẩu VssID của người bệnh."],
            [("Mạng yếu, không mở được VssID?",
              "Tra cứu bằng số CCCD hoặc mã số BHXH trên hệ thống của cơ sở; thẻ giấy vẫn dùng "
              "được."),
             ("Người bệnh thấy lịch sử khám trên VssID không đúng?",
              "Hướng dẫn họ báo cho cơ sở và BHXH để kiểm tra.")]),
        "en": (
            "Health facilities: accepting the BHYT card on VssID and the chip CCCD",
            ["Patients may show the BHYT card on VssID or a chip CCCD instead of the paper "
             "card: the reception desk must accept and look them up.",
             "Show waiting patients how to install VssID: download “VssID – BHXH số” and "
             "register with the CCCD number and a phone number.",
             "On VssID patients see their own BHYT treatment history: record it right and in "
             "full, so that they trust it.",
             "Health workers never keep patients' VssID passwords or ask for them."],
            [("The network is weak and VssID will not open.",
              "Look the patient up with the CCCD or BHXH number in the facility's system; the "
              "paper card still works."),
             ("A patient finds their treatment history on VssID wrong.",
              "Show them how to report it to the facility and to BHXH for checking.")]),
        "hnj": (
            "Chaw kho mob: txais daim npav BHYT hauv VssID thiab daim CCCD muaj chip",
            ["Neeg mob muab tau daim npav BHYT hauv VssID los daim CCCD muaj chip hloov daim "
             "npav ntawv: chaw txais tos yuav tsum txais thiab nrhiav tau.",
             "Qhia neeg mob nruab VssID thaum tos kho mob: rub daim app VssID, sau npe nrog tus "
             "lej CCCD thiab tus xov tooj.",
             "Hauv VssID, neeg mob saib tau lawv cov kev kho mob BHYT: sau kom raug thiab puv "
             "kom neeg mob ntseeg.",
             "Cov kws kho mob tsis khaws thiab tsis nug neeg mob lo lus zais VssID."],
            [("Xov tooj tsis txuas tau, qhib tsis tau VssID?",
              "Nrhiav nrog tus lej CCCD los tus lej BHXH hauv chaw kho mob lub tshuab; daim "
              "npav ntawv tseem siv tau."),
             ("Neeg mob pom tias cov kev kho mob hauv VssID tsis raug?",
              "Qhia lawv qhia rau chaw kho mob thiab BHXH kom kuaj xyuas.")]),
        "blt": (
            "ꪹꪭꪙ ꪤꪱ: ꪹꪀꪸꪚ ꪵꪖ BHYT ꪻꪙ VssID ꪀꪾꪚ ꪵꪖ CCCD",
            ["ꫛ ꪹꪊꪚ ꪹꪮꪱ ꪵꪖ BHYT ꪻꪙ VssID ꪭꪳ ꪵꪖ CCCD ꪣꪱ ꪵꪕꪙ ꪵꪖ ꪻꪚ ꪼꪒ: ꪚꪮꪙ ꪹꪀꪸꪚ ꫛ ꪹꪊꪚ "
             "ꪔꪮꪉ ꪹꪀꪸꪚ ꪀꪾꪚ ꪬꪱ ꪼꪒ.",
             "ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪊꪚ ꪻꪎ VssID ꪣꪳ ꪑꪰꪉ ꪤꪴ ꪹꪭꪙ ꪤꪱ: ꪹꪮꪱ VssID ꪣꪱ ꪻꪎ, ꪒꪰꪉ ꪀꪲ ꪀꪾꪚ ꪶꪎ "
             "CCCD ꪀꪾꪚ ꪶꪎ ꪒꪸꪙ ꪖꪺꪥ.",
             "ꪻꪙ VssID, ꫛ ꪹꪊꪚ ꪹꪚꪷꪉ ꪖꪷꪉ ꪼꪜ ꪹꪭꪙ ꪤꪱ BHYT ꪄꪮꪉ ꪕꪳ ꪼꪒ: ꪵꪔꪣ ꪔꪮꪉ ꪀꪾꪚ ꪕꪰꪉ "
             "ꪶꪢꪒ, ꫛ ꪹꪊꪚ ꪹꪋ ꪼꪒ.",
             "ꫛ ꪹꪤꪸꪒ ꪹꪭꪙ ꪤꪱ ꪹꪚꪱ ꪹꪀꪸꪚ ꪻꪫ, ꪹꪚꪱ ꪖꪱꪣ ꪁꪫꪱꪣ ꪩꪰꪚ VssID ꪄꪮꪉ ꫛ ꪹꪊꪚ."],
            [("ꪒꪸꪙ ꪖꪺꪥ ꪹꪚꪱ ꪼꪒ, ꪹꪜꪷꪒ VssID ꪹꪚꪱ ꪼꪒ?",
              "ꪬꪱ ꪀꪾꪚ ꪶꪎ CCCD ꪭꪳ ꪶꪎ BHXH ꪻꪙ ꪣꪱꪥ ꪄꪮꪉ ꪹꪭꪙ ꪤꪱ; ꪵꪖ ꪻꪚ ꪑꪰꪉ ꪻꪋ ꪼꪒ."),
             ("ꫛ ꪹꪊꪚ ꪹꪬꪸꪙ ꪖꪷꪉ ꪼꪜ ꪹꪭꪙ ꪤꪱ ꪻꪙ VssID ꪹꪚꪱ ꪔꪮꪉ?",
              "ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪊꪚ ꪹꪫꪱ ꪻꪬ ꪹꪭꪙ ꪤꪱ ꪀꪾꪚ BHXH ꪣꪱ ꪹꪚꪷꪉ.")]),
        "ium": (
            "Zorc baengc dorngx: zipv VssID nyei BHYT tex caux maaih chip nyei CCCD",
            ["Baengc mienh haih longc VssID nyei BHYT tex fai maaih chip nyei CCCD wuov tex: "
             "zipv baengc mienh nyei dorngx oix zuqc zipv caux lorz duqv.",
             "Zuov zorc baengc nyei ziangh hoc, njaaux baengc mienh buov VssID: ndaam VssID, "
             "longc CCCD nyei sou-mbuo caux dien-waac nyei sou-mbuo fiev mbuox.",
             "Yiem VssID baengc mienh mangc duqv ganh longc BHYT zorc jiex nyei baengc: fiev "
             "horpc, fiev buang, baengc mienh ziouc sienx.",
             "Zorc baengc mienh maiv tengx louc, maiv naaic baengc mienh nyei VssID bingx nyei "
             "waac."],
            [("Ndien-waac maiv haih longc, koiv maiv duqv VssID?",
              "Longc CCCD fai BHXH nyei sou-mbuo yiem zorc baengc dorngx nyei diennaauv lorz; "
              "BHYT tex corc longc duqv."),
             ("Baengc mienh buatc VssID gu'nyuoz zorc jiex nyei baengc maiv horpc?",
              "Njaaux ninh mbuox zorc baengc dorngx caux BHXH daaih mangc.")]),
    }),
    ("collaborators", "voluntary_bhxh", {
        "vi": (
            "Đại lý thu, cộng tác viên: vận động BHXH tự nguyện từng nhà",
            ["Bắt đầu từ điều gia đình lo: ốm đau, tuổi già không có thu nhập, con cái ở xa. "
             "Nói bằng tiếng của gia đình, kể tên người trong bản đã có lương hưu.",
             "Tính cùng gia đình: thu nhập thấp nhất để đóng là {rural_poverty_line} "
             "đồng/tháng, mức đóng {voluntary_bhxh_min_monthly} đồng/tháng; Nhà nước hỗ trợ hộ "
             "nghèo {voluntary_bhxh_support_poor_percent}%, hộ nghèo chỉ còn đóng "
             "{voluntary_bhxh_min_monthly_poor} đồng/tháng.",
             "Gợi ý đóng theo mùa vụ: 3, 6 hoặc 12 tháng một lần, lúc bán lúa, ngô, chè, gia "
             "súc.",
             "Làm tờ khai, thu tiền và đưa biên lai ngay; không giữ giấy tờ của người dân; nhắc "
             "kỳ đóng tiếp theo trước khi đến hạn."],
            [("Đóng rồi không đủ năm thì mất tiền à?",
              "Không mất: có thể đóng tiếp, bảo lưu, hoặc nhận BHXH một lần theo quy định."),
             ("Sao tôi phải tin cộng tác viên?",
              "Đưa thẻ cộng tác viên và biên lai của BHXH; chỉ cho người dân tự xem số tiền đã "
              "đóng trên VssID."),
             ("Bây giờ nhà không có tiền mặt?",
              "Hẹn ngày bán nông sản để quay lại, và ghi lịch hẹn.")]),
        "en": (
            "Collection agents and collaborators: voluntary BHXH, house by house",
            ["Start from what the family worries about: illness, old age without income, "
             "children far away. Speak the family's language, and name people of the village "
             "who already draw a pension.",
             "Work it out with the family: the lowest income to pay on is "
             "{rural_poverty_line} VND a month, a contribution of "
             "{voluntary_bhxh_min_monthly} VND a month; the state pays "
             "{voluntary_bhxh_support_poor_percent}% for poor households, which pay only "
             "{voluntary_bhxh_min_monthly_poor} VND a month.",
             "Suggest paying by the season: 3, 6 or 12 months at once, when rice, maize, tea "
             "or livestock are sold.",
             "Fill in the form, take the money and hand over the receipt at once; keep nobody's "
             "papers; remind people of the next payment before it is due."],
            [("If I pay and do not reach enough years, is the money lost?",
              "No: you can go on paying, keep the years, or take BHXH as a lump sum as the "
              "rules allow."),
             ("Why should I trust a collaborator?",
              "Show your collaborator's card and BHXH's receipt; show people how to see what "
              "they paid on VssID."),
             ("We have no cash right now.",
              "Agree on a day after the harvest is sold to come back, and note it down.")]),
        "hnj": (
            "Neeg sau nyiaj thiab neeg koom tes: txhawb BHXH yeem koom txhua tsev",
            ["Pib ntawm yam tsev neeg txhawj: mob nkeeg, thaum laus tsis muaj nyiaj, menyuam "
             "nyob deb. Hais ua tsev neeg hom lus, hais npe cov neeg hauv zos twb tau nyiaj "
             "laus.",
             "Nrog tsev neeg suav: nyiaj khwv tau tsawg tshaj los them yog "
             "{rural_poverty_line} nyiaj ib hlis, them {voluntary_bhxh_min_monthly} nyiaj ib "
             "hlis; tsoom fwv pab tsev neeg txom nyem {voluntary_bhxh_support_poor_percent}%, "
             "tsev neeg txom nyem tsuas them {voluntary_bhxh_min_monthly_poor} nyiaj ib hlis.",
             "Qhia kom them raws caij qoob loo: 3, 6 los 12 hlis ib zaug, thaum muag nplej, pob "
             "kws, tshuaj yej thiab tsiaj txhu.",
             "Sau ntawv, sau nyiaj thiab muab daim ntawv txais nyiaj tam sim; tsis txhob khaws "
             "neeg cov ntaub ntawv; ceeb toom lub caij them tom ntej ua ntej txog hnub."],
            [("Them lawm tsis txaus xyoo puas ploj nyiaj?",
              "Tsis ploj: them ntxiv tau, khaws cia, los txais BHXH ib zaug raws li txoj cai."),
             ("Vim li cas kuv yuav tsum ntseeg tus neeg koom tes?",
              "Qhia daim npav neeg koom tes thiab daim ntawv txais nyiaj ntawm BHXH; qhia neeg "
              "saib nyiaj twb them hauv VssID."),
             ("Tam sim no tsev tsis muaj nyiaj?",
              "Teem hnub muag qoob loo kom rov tuaj, thiab sau hnub ntawd cia.")]),
        "blt": (
            "ꫛ ꪹꪀꪸꪚ ꪹꪉꪷꪙ, ꫛ ꪏꪺꪥ ꪹꪤꪸꪒ: ꪹꪫꪱ BHXH ꪕꪳ ꪉꪫꪸꪙ ꪋꪴ ꪹꪭꪙ",
            ["ꪹꪫꪱ ꪕꪳ ꪹꪩꪷꪉ ꪹꪭꪙ ꪣꪺꪙ: ꪹꪊꪚ, ꪣꪳ ꪹꪖꪱ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ, ꪩꪴꪀ ꪤꪴ ꪼꪀ. ꪹꪫꪱ ꪁꪫꪱꪣ "
             "ꪜꪱꪀ ꪄꪮꪉ ꪹꪭꪙ, ꪹꪫꪱ ꪋꪳ ꫛ ꪻꪙ ꪚꪱꪙ ꪼꪒ ꪹꪉꪷꪙ ꪹꪖꪱ ꪵꪩꪫ.",
             "ꪙꪰꪚ ꪀꪾꪚ ꪹꪭꪙ: ꪹꪉꪷꪙ ꪬꪱ ꪼꪒ ꪙꪮꪥ ꪎꪳꪒ ꪹꪮꪱ ꪎꪸ ꪜꪸꪙ {rural_poverty_line} ꪹꪉꪷꪙ ꪋꪴ "
             "ꪹꪚꪙ, ꪎꪸ {voluntary_bhxh_min_monthly} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ; ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ ꪹꪭꪙ ꪑꪱꪀ "
             "{voluntary_bhxh_support_poor_percent}%, ꪹꪭꪙ ꪑꪱꪀ ꪎꪸ "
             "{voluntary_bhxh_min_monthly_poor} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ.",
             "ꪹꪫꪱ ꪻꪬ ꪎꪸ ꪔꪱꪣ ꪣꪳ ꪹꪀꪸꪚ ꪹꪄꪱ: 3, 6 ꪭꪳ 12 ꪹꪚꪙ ꪣꪳ ꪹꪒꪸꪫ, ꪣꪳ ꪄꪱꪥ ꪹꪄꪱ, ꪄꪱꪥ "
             "ꪹꪄꪱ ꪝꪮꪒ, ꪄꪱꪥ ꪋꪱ, ꪄꪱꪥ ꪫꪺꪥ ꪀꪫꪱꪥ.",
             "ꪵꪔꪣ ꪻꪚ, ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪀꪾꪚ ꪹꪮꪱ ꪻꪚ ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪻꪬ ꪼꪫ; ꪹꪚꪱ ꪹꪀꪸꪚ ꪻꪚ ꪄꪮꪉ ꫛ ꪻꪫ; "
             "ꪹꪫꪱ ꪣꪳ ꪎꪸ ꪩꪰꪉ ꪀꪮꪙ ꪭꪮꪒ ꪣꪳ."],
            [("ꪎꪸ ꪵꪩꪫ ꪹꪚꪱ ꪭꪮꪒ ꪜꪲ, ꪹꪉꪷꪙ ꪭꪱꪥ ꪭꪳ?",
              "ꪹꪚꪱ ꪭꪱꪥ: ꪎꪸ ꪔꪳꪒ ꪼꪜ ꪼꪒ, ꪹꪀꪸꪚ ꪻꪫ ꪼꪒ, ꪭꪳ ꪹꪮꪱ ꪹꪉꪷꪙ BHXH ꪣꪳ ꪹꪒꪸꪫ ꪔꪱꪣ ꪀꪷꪒ."),
             ("ꪨꪲ ꪤꪷ ꪀꪰ ꪔꪮꪉ ꪹꪋ ꫛ ꪏꪺꪥ ꪹꪤꪸꪒ?",
              "ꪹꪮꪱ ꪵꪖ ꫛ ꪏꪺꪥ ꪹꪤꪸꪒ ꪀꪾꪚ ꪻꪚ ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪄꪮꪉ BHXH ꪻꪬ ꪹꪚꪷꪉ; ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪚꪷꪉ "
              "ꪹꪉꪷꪙ ꪎꪸ ꪵꪩꪫ ꪻꪙ VssID."),
             ("ꪣꪳ ꪙꪲ ꪹꪭꪙ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ?",
              "ꪖꪱꪣ ꪣꪳ ꪄꪱꪥ ꪹꪄꪱ ꪣꪱ ꪻꪢ, ꪀꪾꪚ ꪵꪔꪣ ꪣꪳ ꪙꪲ ꪻꪫ.")]),
        "ium": (
            "Zipv nyaanh nyei mienh, tengx gong nyei mienh: yietc biauv yietc biauv gorngv BHXH "
            "ganh oix bieqc",
            ["Yiem biauv zong nzauh nyei jauv gorngv gorn: mun, gox zanc maiv maaih nyaanh, "
             "fu'jueiv yiem go. Longc biauv zong nyei waac gorngv, gorngv laangz gu'nyuoz zipv "
             "jienv gox zanc nyei nyaanh nyei mienh nyei mbuox.",
             "Caux biauv zong funx: weic cuotv nyei nyaanh gauh siex jiex se "
             "{rural_poverty_line} nyaanh yietc hlaax, cuotv {voluntary_bhxh_min_monthly} "
             "nyaanh yietc hlaax; hungh jaa tengx biauv zong jomc "
             "{voluntary_bhxh_support_poor_percent}%, biauv zong jomc kungx cuotv "
             "{voluntary_bhxh_min_monthly_poor} nyaanh yietc hlaax.",
             "Gorngv bun ninh ziux ziangh hoc cuotv: 3, 6 fai 12 hlaax yietc nzunc, maaic "
             "mbiauh, maaic zaah, maaic ga'sing nyei ziangh hoc.",
             "Fiev sou, siou nyaanh yaac liemh zanc bun zipv nyaanh nyei ceh; maiv dungx louc "
             "mienh nyei sou; maiv gaengh taux hnoi mbuox da'nyeic nzunc cuotv nyei hnoi."],
            [("Cuotv mi'aqv, maiv buang hnyangx, nyaanh ziouc maiv maaih fai?",
              "Corc maaih: haih aengx cuotv, louc jienv, fai ziux leiz yietc nzunc zipv BHXH "
              "nyei nyaanh."),
             ("Weic haaix diuc yie oix zuqc sienx tengx gong nyei mienh?",
              "Bun ninh mangc tengx gong mienh nyei tex caux BHXH nyei zipv nyaanh ceh; njaaux "
              "ninh yiem VssID ganh mangc cuotv jiex nyei nyaanh."),
             ("Ih zanc biauv gu'nyuoz maiv maaih nyaanh?",
              "Ngaengc maaic mbiauh nyei hnoi aengx daaih, yaac fiev jienv naaiv hnoi.")]),
    }),
    ("collaborators", "household_bhyt", {
        "vi": (
            "Đại lý thu, cộng tác viên: BHYT hộ gia đình, mua cho cả nhà",
            ["Hỏi từng người trong hộ: ai đã có thẻ (Nhà nước đóng, học sinh, công ty), ai "
             "chưa có, thẻ ai sắp hết hạn.",
             "Tính tiền cho những người chưa có thẻ: người thứ nhất "
             "{household_bhyt_first_yearly} đồng/năm, người thứ hai "
             "{household_bhyt_second_yearly}, người thứ ba {household_bhyt_third_yearly}, "
             "người thứ tư {household_bhyt_fourth_yearly}, từ người thứ năm "
             "{household_bhyt_fifth_yearly} đồng/năm.",
             "Có thể đóng 3, 6 hoặc 12 tháng; gia hạn trước khi thẻ hết hạn để không bị gián "
             "đoạn.",
             "Thu tiền có biên lai; giao thẻ tận tay và hướng dẫn dùng thẻ, dùng VssID."],
            [("Nhà có người đã có thẻ học sinh, người đó có tính là người thứ nhất không?",
              "Không. Chỉ tính những người cùng tham gia BHYT hộ gia đình; người có thẻ khác "
              "không phải đóng."),
             ("Sao phải mua cho cả hộ?",
              "BHYT hộ gia đình tham gia cho mọi người trong hộ chưa có thẻ khác; bù lại từ "
              "người thứ hai được giảm.")]),
        "en": (
            "Collection agents and collaborators: household BHYT, for the whole family",
            ["Ask about each member: who already has a card (state-paid, pupil's, through an "
             "employer), who has none, whose card expires soon.",
             "Work out the cost for those without a card: the first member "
             "{household_bhyt_first_yearly} VND a year, the second "
             "{household_bhyt_second_yearly}, the third {household_bhyt_third_yearly}, the "
             "fourth {household_bhyt_fourth_yearly}, from the fifth on "
             "{household_bhyt_fifth_yearly} VND a year.",
             "People can pay for 3, 6 or 12 months; renew before the card expires so that "
             "cover does not lapse.",
             "Give a receipt for every payment; hand each card to its owner and show how to "
             "use it, and VssID."],
            [("One of us already has a pupil's card: does that child count as the first "
              "member?",
              "No. Only the members who join household BHYT together count; someone with "
              "another card pays nothing."),
             ("Why buy for the whole household?",
              "Household BHYT covers everyone in the household without another card; in return "
              "each member from the second on pays less.")]),
        "hnj": (
            "Neeg sau nyiaj thiab neeg koom tes: BHYT tsev neeg, yuav rau tag nrho tsev neeg",
            ["Nug txhua tus neeg hauv tsev: leej twg twb muaj daim npav (tsoom fwv them, kawm "
             "ntawv, tuam txhab), leej twg tsis tau muaj, leej twg daim npav yuav tas sij "
             "hawm.",
             "Suav nyiaj rau cov neeg tsis tau muaj daim npav: thawj tus "
             "{household_bhyt_first_yearly} nyiaj ib xyoos, tus thib ob "
             "{household_bhyt_second_yearly}, tus thib peb {household_bhyt_third_yearly}, tus "
             "thib plaub {household_bhyt_fourth_yearly}, txij tus thib tsib mus "
             "{household_bhyt_fifth_yearly} nyiaj ib xyoos.",
             "Them tau 3, 6 los 12 hlis; txuas ntxiv ua ntej daim npav tas sij hawm kom tsis "
             "txhob tu.",
             "Sau nyiaj muaj daim ntawv txais nyiaj; muab daim npav rau tus tswv tes thiab "
             "qhia siv daim npav thiab VssID."],
            [("Tsev neeg muaj ib tug twb muaj daim npav kawm ntawv, tus ntawd puas suav ua "
              "thawj tus?",
              "Tsis suav. Tsuas suav cov neeg koom BHYT tsev neeg; cov neeg muaj lwm daim npav "
              "tsis tas them."),
             ("Vim li cas yuav tsum yuav rau tag nrho tsev neeg?",
              "BHYT tsev neeg yog rau txhua tus neeg hauv tsev uas tsis muaj lwm daim npav; "
              "pauv rau qhov ntawd, txij tus thib ob mus them tsawg dua.")]),
        "blt": (
            "ꫛ ꪹꪀꪸꪚ ꪹꪉꪷꪙ, ꫛ ꪏꪺꪥ ꪹꪤꪸꪒ: BHYT ꪹꪭꪙ, ꪏꪳ ꪻꪬ ꫛ ꪻꪙ ꪹꪭꪙ ꪕꪰꪉ ꪶꪢꪒ",
            ["ꪖꪱꪣ ꪋꪴ ꫛ ꪻꪙ ꪹꪭꪙ: ꫛ ꪻꪒ ꪣꪲ ꪵꪖ ꪵꪩꪫ (ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ, ꫛ ꪭꪸꪙ ꪎꪳ, ꪚꪮꪙ ꪹꪤꪸꪒ ꪫꪸꪀ), "
             "ꫛ ꪻꪒ ꪑꪰꪉ ꪹꪚꪱ ꪣꪲ, ꪵꪖ ꫛ ꪻꪒ ꪻꪀ ꪶꪢꪒ ꪭꪰꪙ.",
             "ꪙꪰꪚ ꪹꪉꪷꪙ ꪻꪬ ꫛ ꪹꪚꪱ ꪑꪰꪉ ꪣꪲ ꪵꪖ: ꫛ ꪀꪮꪙ {household_bhyt_first_yearly} ꪹꪉꪷꪙ ꪋꪴ "
             "ꪜꪲ, ꫛ ꪕꪲ 2 {household_bhyt_second_yearly}, ꫛ ꪕꪲ 3 "
             "{household_bhyt_third_yearly}, ꫛ ꪕꪲ 4 {household_bhyt_fourth_yearly}, ꪕꪳ ꫛ ꪕꪲ 5 "
             "ꪼꪜ {household_bhyt_fifth_yearly} ꪹꪉꪷꪙ ꪋꪴ ꪜꪲ.",
             "ꪎꪸ 3, 6 ꪭꪳ 12 ꪹꪚꪙ ꪼꪒ; ꪔꪷ ꪀꪮꪙ ꪵꪖ ꪶꪢꪒ ꪭꪰꪙ ꪹꪚꪱ ꪻꪬ ꪄꪱꪒ.",
             "ꪹꪀꪸꪚ ꪹꪉꪷꪙ ꪣꪲ ꪻꪚ ꪹꪀꪸꪚ ꪹꪉꪷꪙ; ꪹꪮꪱ ꪵꪖ ꪻꪬ ꪕꪳ ꫛ ꪀꪾꪚ ꪹꪫꪱ ꪻꪬ ꪭꪴ ꪻꪋ ꪵꪖ, ꪻꪋ "
             "VssID."],
            [("ꪹꪭꪙ ꪣꪲ ꫛ ꪣꪲ ꪵꪖ ꫛ ꪭꪸꪙ ꪎꪳ ꪵꪩꪫ, ꫛ ꪙꪲ ꪙꪰꪚ ꪜꪸꪙ ꫛ ꪀꪮꪙ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪙꪰꪚ. ꪙꪰꪚ ꪻꪬ ꫛ ꪒꪰꪉ ꪀꪲ BHYT ꪹꪭꪙ; ꫛ ꪣꪲ ꪵꪖ ꪮꪳꪙ ꪹꪚꪱ ꪔꪮꪉ ꪎꪸ."),
             ("ꪨꪲ ꪤꪷ ꪔꪮꪉ ꪏꪳ ꪻꪬ ꫛ ꪻꪙ ꪹꪭꪙ ꪕꪰꪉ ꪶꪢꪒ?",
              "BHYT ꪹꪭꪙ ꪻꪬ ꫛ ꪻꪙ ꪹꪭꪙ ꪹꪚꪱ ꪣꪲ ꪵꪖ ꪮꪳꪙ ꪕꪰꪉ ꪶꪢꪒ; ꪕꪳ ꫛ ꪕꪲ 2 ꪼꪜ ꪎꪸ ꪙꪮꪥ "
              "ꪩꪰꪉ.")]),
        "ium": (
            "Zipv nyaanh nyei mienh, tengx gong nyei mienh: BHYT biauv zong, maaiz bun yietc "
            "biauv zong",
            ["Naaic biauv zong dauh dauh: haaix dauh maaih tex aqv (hungh jaa cuotv, horqc "
             "saeng, gong-ziouv), haaix dauh maiv gaengh maaih, haaix dauh nyei tex fatv dangx "
             "hnoi.",
             "Bun maiv gaengh maaih tex nyei mienh funx nyaanh: da'yietv dauh "
             "{household_bhyt_first_yearly} nyaanh yietc hnyangx, da'nyeic dauh "
             "{household_bhyt_second_yearly}, da'faam dauh {household_bhyt_third_yearly}, "
             "da'feix dauh {household_bhyt_fourth_yearly}, da'hmz dauh faaux "
             "{household_bhyt_fifth_yearly} nyaanh yietc hnyangx.",
             "Haih cuotv 3, 6 fai 12 hlaax; tex maiv gaengh dangx hnoi ndaangc aengx maaiz, "
             "maiv bun dingh.",
             "Siou nyaanh bun zipv nyaanh nyei ceh; tex dorh bun ganh dauh yaac njaaux longc "
             "tex, longc VssID."],
            [("Biauv zong maaih dauh maaih horqc saeng nyei tex aqv, wuov dauh funx da'yietv "
              "dauh fai?",
              "Maiv funx. Kungx funx yietc jienv bieqc BHYT biauv zong nyei mienh; maaih dieh "
              "nyungc tex nyei mienh maiv longc cuotv."),
             ("Weic haaix diuc oix maaiz bun yietc biauv zong?",
              "BHYT biauv zong bun biauv zong maiv maaih dieh nyungc tex nyei yietc zungv "
              "mienh; da'nyeic dauh faaux cuotv gauh siex.")]),
    }),
    ("collaborators", "vssid", {
        "vi": (
            "Đại lý thu, cộng tác viên: giúp người dân cài và dùng VssID",
            ["Giúp cài VssID ngay trên điện thoại của người dân: tải “VssID – BHXH số”, đăng "
             "ký bằng số CCCD và số điện thoại của chính họ.",
             "Chỉ cho người dân xem thẻ BHYT, quá trình đóng BHXH và số tiền vừa đóng.",
             "Để người dân tự nhập mật khẩu; không ghi, không giữ mật khẩu, mã OTP của ai.",
             "Người không có điện thoại thông minh: giúp con cháu trong nhà cài để theo dõi cho "
             "ông bà, bố mẹ."],
            [("Không nhận được mã OTP?",
              "Kiểm tra số điện thoại đã đăng ký và sóng điện thoại; thử lại ở nơi có sóng."),
             ("Quên mật khẩu?",
              "Dùng chức năng quên mật khẩu trên VssID; mã mới gửi về số điện thoại đã đăng "
              "ký.")]),
        "en": (
            "Collection agents and collaborators: helping people install and use VssID",
            ["Install VssID on the person's own phone: download “VssID – BHXH số” and register "
             "with their own CCCD number and phone number.",
             "Show them their BHYT card, their BHXH record and the payment just made.",
             "Let people type their password themselves; never write down or keep anyone's "
             "password or OTP code.",
             "People without a smartphone: help a son, daughter or grandchild install it to "
             "follow things for their parents or grandparents."],
            [("The OTP code does not arrive.",
              "Check the phone number registered and the signal; try again where there is "
              "signal."),
             ("I forgot my password.",
              "Use VssID's forgotten-password function; the new code goes to the phone number "
              "registered.")]),
        "hnj": (
            "Neeg sau nyiaj thiab neeg koom tes: pab neeg nruab thiab siv VssID",
            ["Pab nruab VssID rau hauv tus neeg lub xov tooj: rub daim app VssID, sau npe nrog "
             "lawv tus kheej tus lej CCCD thiab tus xov tooj.",
             "Qhia neeg saib daim npav BHYT, cov BHXH tau them thiab cov nyiaj nyuam qhuav "
             "them.",
             "Cia tus neeg ntaus nws lo lus zais; tsis txhob sau, tsis txhob khaws leej twg lo "
             "lus zais los tus lej OTP.",
             "Cov neeg tsis muaj xov tooj ntse: pab tub ki hauv tsev nruab kom saib rau yawm "
             "txiv pog niam thiab niam txiv."],
            [("Tsis tau txais tus lej OTP?",
              "Saib tus xov tooj twb sau npe thiab seb xov tooj puas txais tau; sim dua ntawm "
              "qhov chaw txais tau."),
             ("Tsis nco lo lus zais?",
              "Siv qhov tsis nco lo lus zais hauv VssID; tus lej tshiab xa rau tus xov tooj twb "
              "sau npe.")]),
        "blt": (
            "ꫛ ꪹꪀꪸꪚ ꪹꪉꪷꪙ, ꫛ ꪏꪺꪥ ꪹꪤꪸꪒ: ꪏꪺꪥ ꫛ ꪻꪎ ꪀꪾꪚ ꪻꪋ VssID",
            ["ꪏꪺꪥ ꪻꪎ VssID ꪻꪙ ꪒꪸꪙ ꪖꪺꪥ ꪄꪮꪉ ꫛ ꪙꪲ: ꪹꪮꪱ VssID ꪣꪱ ꪻꪎ, ꪒꪰꪉ ꪀꪲ ꪀꪾꪚ ꪶꪎ CCCD "
             "ꪀꪾꪚ ꪶꪎ ꪒꪸꪙ ꪖꪺꪥ ꪄꪮꪉ ꫛ ꪙꪲ.",
             "ꪹꪫꪱ ꪻꪬ ꫛ ꪹꪚꪷꪉ ꪵꪖ BHYT, ꪹꪉꪷꪙ BHXH ꪎꪸ ꪵꪩꪫ ꪀꪾꪚ ꪹꪉꪷꪙ ꪎꪸ ꪻꪢ.",
             "ꪻꪬ ꫛ ꪙꪲ ꪕꪳ ꪵꪔꪣ ꪁꪫꪱꪣ ꪩꪰꪚ; ꪹꪚꪱ ꪵꪔꪣ, ꪹꪚꪱ ꪹꪀꪸꪚ ꪁꪫꪱꪣ ꪩꪰꪚ ꪭꪳ ꪶꪎ OTP ꪄꪮꪉ ꫛ "
             "ꪻꪒ.",
             "ꫛ ꪹꪚꪱ ꪣꪲ ꪒꪸꪙ ꪖꪺꪥ: ꪏꪺꪥ ꪩꪴꪀ ꪨꪱꪙ ꪻꪙ ꪹꪭꪙ ꪻꪎ, ꪵꪩꪫ ꪹꪚꪷꪉ ꪻꪬ ꪜꪴ ꪑꪱ, ꪜꪷ ꪵꪣ."],
            [("ꪹꪚꪱ ꪼꪒ ꪶꪎ OTP?",
              "ꪹꪚꪷꪉ ꪶꪎ ꪒꪸꪙ ꪖꪺꪥ ꪒꪰꪉ ꪀꪲ ꪵꪩꪫ ꪀꪾꪚ ꪒꪸꪙ ꪖꪺꪥ ꪼꪒ ꪭꪳ ꪹꪚꪱ; ꪹꪤꪸꪒ ꪻꪢ ꪻꪙ ꪚꪮꪙ "
              "ꪒꪸꪙ ꪖꪺꪥ ꪼꪒ."),
             ("ꪩꪳꪣ ꪁꪫꪱꪣ ꪩꪰꪚ?",
              "ꪻꪋ ꪚꪮꪙ ꪩꪳꪣ ꪁꪫꪱꪣ ꪩꪰꪚ ꪻꪙ VssID; ꪶꪎ ꪻꪢ ꪎꪷꪉ ꪼꪜ ꪒꪸꪙ ꪖꪺꪥ ꪒꪰꪉ ꪀꪲ ꪵꪩꪫ.")]),
        "ium": (
            "Zipv nyaanh nyei mienh, tengx gong nyei mienh: tengx mienh buov caux longc VssID",
            ["Yiem mienh ganh nyei dien-waac tengx buov VssID: ndaam VssID, longc ninh ganh "
             "nyei CCCD sou-mbuo caux dien-waac sou-mbuo fiev mbuox.",
             "Njaaux mienh mangc BHYT tex, cuotv jiex BHXH nyei nyaanh caux ih zanc cuotv nyei "
             "nyaanh.",
             "Bun mienh ganh fiev bingx nyei waac; maiv dungx fiev, maiv dungx louc haaix dauh "
             "nyei bingx nyei waac fai OTP sou-mbuo.",
             "Maiv maaih dien-waac nyei mienh: tengx biauv gu'nyuoz nyei fu'jueiv buov, weic "
             "tengx ong-gouv, die-maa mangc."],
            [("Zipv maiv duqv OTP sou-mbuo?",
              "Mangc fiev jiex nyei dien-waac sou-mbuo caux dien-waac haih zipv fai maiv "
              "haih; mingh haih zipv nyei dorngx aengx longc."),
             ("Maiv jangx bingx nyei waac?",
              "Longc VssID gu'nyuoz maiv jangx bingx nyei waac nyei jauv; siang sou-mbuo fungx "
              "mingh fiev jiex nyei dien-waac.")]),
    }),
]

# Step 0005's sample scripts, keyed as that step keyed them (their Vietnamese texts are its):
# the four languages they lacked.
_SAMPLES_V5_TEXTS = {
    "voluntary_bhxh": {
        "en": (
            "Voluntary BHXH: a pension in old age",
            ["Voluntary BHXH is for people working on their own account, farmers, small "
             "traders… without a labour contract. Anyone aged 15 or over can join.",
             "Members choose the income they pay on, the lowest being the rural poverty line "
             "({rural_poverty_line} VND a month). The rate is {voluntary_bhxh_rate_percent}% of "
             "the income chosen: the lowest contribution is {voluntary_bhxh_min_monthly} VND a "
             "month.",
             "The state pays part of the contribution at the poverty line: "
             "{voluntary_bhxh_support_poor_percent}% for poor households, "
             "{voluntary_bhxh_support_near_poor_percent}% for near-poor ones, "
             "{voluntary_bhxh_support_other_percent}% for others. Poor households pay only "
             "{voluntary_bhxh_min_monthly_poor} VND a month.",
             "Pay every month, every 3, 6 or 12 months, or once for several years.",
             "At retirement age, with enough years paid as the rules say, members receive a "
             "monthly pension and a free BHYT card. On death, the family receives a funeral "
             "grant."],
            [("I cannot pay every month.",
              "You can pay for 3, 6 or 12 months at once, at harvest or when produce is sold. "
              "If you miss months, you can pause and go on later."),
             ("If I pay and do not reach enough years for a pension, do I lose my money?",
              "No. You can go on paying until you have enough years, take BHXH as a lump sum "
              "as the rules allow, or keep the years paid."),
             ("Where do I pay?",
              "At the commune's BHXH collection agent, the post office, or through the VssID "
              "app. BHXH officers and collaborators help with the form.")]),
        "hnj": (
            "BHXH yeem koom: thaum laus muaj nyiaj laus",
            ["BHXH yeem koom yog rau cov neeg ua haujlwm rau tus kheej, ua liaj ua teb, muag "
             "khoom me me… tsis muaj daim ntawv cog lus ua haujlwm. Txhua tus muaj 15 xyoos "
             "rov saud koom tau.",
             "Tus neeg koom xaiv tus nqi nyiaj khwv tau los them, tsawg tshaj yog kab txom nyem "
             "nyob deb nroog ({rural_poverty_line} nyiaj ib hlis). Them "
             "{voluntary_bhxh_rate_percent}% ntawm cov nyiaj xaiv: them tsawg tshaj "
             "{voluntary_bhxh_min_monthly} nyiaj ib hlis.",
             "Tsoom fwv pab ib feem ntawm cov nyiaj them raws kab txom nyem: tsev neeg txom "
             "nyem {voluntary_bhxh_support_poor_percent}%, tsev neeg yuav luag txom nyem "
             "{voluntary_bhxh_support_near_poor_percent}%, lwm tus "
             "{voluntary_bhxh_support_other_percent}%. Tsev neeg txom nyem tsuas them "
             "{voluntary_bhxh_min_monthly_poor} nyiaj ib hlis.",
             "Them tau txhua hli, 3 hlis, 6 hlis, 12 hlis ib zaug, los them ib zaug rau ntau "
             "xyoo.",
             "Thaum txog hnub nyoog so haujlwm thiab them txaus xyoo raws li txoj cai, tus "
             "neeg koom tau nyiaj laus txhua hli thiab daim npav BHYT dawb. Thaum tuag, tsev "
             "neeg tau nyiaj pab faus neeg tuag."],
            [("Kuv tsis muaj nyiaj them txhua hli ne?",
              "Xaiv tau them 3, 6 los 12 hlis ib zaug thaum sau qoob loo, muag khoom ua liaj ua "
              "teb. Yog muaj hli them tsis tau, nres tau thiab them dua tom qab."),
             ("Yog kuv them lawm tab sis tsis txaus xyoo tau nyiaj laus, puas ploj nyiaj?",
              "Tsis ploj. Tus neeg koom them ntxiv tau kom txaus xyoo, los txais BHXH ib zaug "
              "raws li txoj cai, los khaws cia sij hawm twb them."),
             ("Them qhov twg?",
              "Them rau neeg sau nyiaj BHXH hauv zos, chaw xa ntawv, los hauv daim app "
              "VssID. Neeg ua haujlwm BHXH thiab neeg koom tes yuav qhia sau ntawv.")]),
        "blt": (
            "BHXH ꪕꪳ ꪉꪫꪸꪙ: ꪣꪳ ꪹꪖꪱ ꪣꪲ ꪹꪉꪷꪙ ꪹꪖꪱ",
            ["BHXH ꪕꪳ ꪉꪫꪸꪙ ꪻꪬ ꫛ ꪹꪤꪸꪒ ꪫꪸꪀ ꪕꪳ ꪹꪋꪱ, ꫛ ꪹꪤꪸꪒ ꪙꪱ ꪹꪤꪸꪒ ꪭꪱꪥ, ꫛ ꪄꪱꪥ ꪄꪮꪉ ꪙꪮꪥ… "
             "ꪹꪚꪱ ꪣꪲ ꪻꪚ ꪎꪰꪑꪱ ꪹꪤꪸꪒ ꪫꪸꪀ. ꫛ ꪕꪳ 15 ꪜꪲ ꪼꪜ ꪒꪰꪉ ꪀꪲ ꪼꪒ ꪕꪰꪉ ꪶꪢꪒ.",
             "ꫛ ꪒꪰꪉ ꪀꪲ ꪕꪳ ꪹꪩꪀ ꪹꪉꪷꪙ ꪬꪱ ꪼꪒ ꪹꪮꪱ ꪎꪸ, ꪙꪮꪥ ꪎꪳꪒ ꪜꪸꪙ ꪹꪉꪷꪙ ꪹꪭꪙ ꪑꪱꪀ ꪻꪙ ꪚꪱꪙ "
             "({rural_poverty_line} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ). ꪎꪸ {voluntary_bhxh_rate_percent}% ꪄꪮꪉ "
             "ꪹꪉꪷꪙ ꪹꪩꪀ: ꪎꪸ ꪙꪮꪥ ꪎꪳꪒ {voluntary_bhxh_min_monthly} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ.",
             "ꪚꪱꪙ ꪹꪣꪉ ꪏꪺꪥ ꪀꪷꪙ ꪙꪳꪉ ꪄꪮꪉ ꪹꪉꪷꪙ ꪎꪸ ꪔꪱꪣ ꪹꪉꪷꪙ ꪹꪭꪙ ꪑꪱꪀ: ꪹꪭꪙ ꪑꪱꪀ "
             "{voluntary_bhxh_support_poor_percent}%, ꪹꪭꪙ ꪄꪱꪉ ꪑꪱꪀ "
             "{voluntary_bhxh_support_near_poor_percent}%, ꫛ ꪮꪳꪙ "
             "{voluntary_bhxh_support_other_percent}%. ꪹꪭꪙ ꪑꪱꪀ ꪎꪸ "
             "{voluntary_bhxh_min_monthly_poor} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ.",
             "ꪎꪸ ꪋꪴ ꪹꪚꪙ, 3 ꪹꪚꪙ, 6 ꪹꪚꪙ, 12 ꪹꪚꪙ ꪣꪳ ꪹꪒꪸꪫ, ꪭꪳ ꪎꪸ ꪣꪳ ꪹꪒꪸꪫ ꪻꪬ ꪨꪱꪥ ꪜꪲ ꪼꪒ.",
             "ꪣꪳ ꪭꪮꪒ ꪜꪲ ꪹꪚꪱ ꪹꪤꪸꪒ ꪫꪸꪀ ꪀꪾꪚ ꪎꪸ ꪭꪮꪒ ꪜꪲ ꪔꪱꪣ ꪀꪷꪒ, ꫛ ꪒꪰꪉ ꪀꪲ ꪼꪒ ꪹꪉꪷꪙ ꪹꪖꪱ ꪋꪴ "
             "ꪹꪚꪙ ꪀꪾꪚ ꪵꪖ BHYT ꪹꪚꪱ ꪎꪸ ꪹꪉꪷꪙ. ꪣꪳ ꪔꪱꪥ, ꪹꪭꪙ ꪼꪒ ꪹꪉꪷꪙ ꪎꪷꪉ ꫛ ꪔꪱꪥ."],
            [("ꪀꪰ ꪹꪚꪱ ꪣꪲ ꪹꪉꪷꪙ ꪎꪸ ꪋꪴ ꪹꪚꪙ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꪹꪩꪀ ꪎꪸ 3, 6 ꪭꪳ 12 ꪹꪚꪙ ꪣꪳ ꪹꪒꪸꪫ ꪣꪳ ꪹꪀꪸꪚ ꪹꪄꪱ, ꪄꪱꪥ ꪄꪮꪉ ꪼꪒ. ꪖꪱ ꪣꪲ ꪹꪚꪙ ꪎꪸ "
              "ꪹꪚꪱ ꪼꪒ, ꪩꪰꪉ ꪙꪲ ꪎꪸ ꪔꪳꪒ ꪼꪒ."),
             ("ꪖꪱ ꪀꪰ ꪎꪸ ꪵꪩꪫ ꪹꪚꪱ ꪭꪮꪒ ꪜꪲ ꪼꪒ ꪹꪉꪷꪙ ꪹꪖꪱ, ꪹꪉꪷꪙ ꪭꪱꪥ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪭꪱꪥ. ꫛ ꪒꪰꪉ ꪀꪲ ꪎꪸ ꪔꪳꪒ ꪼꪜ ꪭꪮꪒ ꪜꪲ ꪼꪒ, ꪭꪳ ꪹꪮꪱ ꪹꪉꪷꪙ BHXH ꪣꪳ ꪹꪒꪸꪫ ꪔꪱꪣ "
              "ꪀꪷꪒ, ꪭꪳ ꪹꪀꪸꪚ ꪹꪖꪷ ꪎꪸ ꪵꪩꪫ ꪻꪫ."),
             ("ꪎꪸ ꪻꪙ ꪻꪒ?",
              "ꪎꪸ ꪻꪬ ꫛ ꪹꪀꪸꪚ ꪹꪉꪷꪙ BHXH ꪻꪙ ꪎꪱ, ꪹꪭꪙ ꪎꪷꪉ ꪻꪚ, ꪭꪳ ꪻꪙ VssID. ꪀꪱꪙ ꪶꪛ BHXH ꪀꪾꪚ "
              "ꫛ ꪏꪺꪥ ꪹꪤꪸꪒ ꪹꪫꪱ ꪻꪬ ꪭꪴ ꪵꪔꪣ ꪻꪚ.")]),
        "ium": (
            "BHXH ganh oix bieqc: gox zanc maaih gox zanc nyei nyaanh",
            ["BHXH ganh oix bieqc se bun ganh zoux gong, zoux liangh, maaic ga'naaiv nyei "
             "mienh… maiv maaih zoux gong nyei ngaengc waac ceh. 15 hnyangx faaux nyei mienh "
             "yietc zungv haih bieqc.",
             "Bieqc nyei mienh ganh ginv zoux gong duqv nyei nyaanh weic cuotv, gauh siex jiex "
             "se laangz nyei jomc nyei jangx ({rural_poverty_line} nyaanh yietc hlaax). Cuotv "
             "ginv nyei nyaanh nyei {voluntary_bhxh_rate_percent}%: gauh siex jiex cuotv "
             "{voluntary_bhxh_min_monthly} nyaanh yietc hlaax.",
             "Ziux jomc nyei jangx cuotv nyei nyaanh, hungh jaa tengx yietc deix: biauv zong "
             "jomc {voluntary_bhxh_support_poor_percent}%, biauv zong fatv jomc "
             "{voluntary_bhxh_support_near_poor_percent}%, dieh deix mienh "
             "{voluntary_bhxh_support_other_percent}%. Biauv zong jomc kungx cuotv "
             "{voluntary_bhxh_min_monthly_poor} nyaanh yietc hlaax.",
             "Haih hlaax hlaax cuotv, 3 hlaax, 6 hlaax, 12 hlaax yietc nzunc, fai yietc nzunc "
             "cuotv camv hnyangx.",
             "Taux hitv gong nyei hnyangx yaac ziux leiz cuotv taux hnyangx, bieqc nyei mienh "
             "hlaax hlaax duqv gox zanc nyei nyaanh caux maiv longc cuotv nyaanh nyei BHYT tex. "
             "Daic mi'aqv, biauv zong duqv zangx mienh nyei nyaanh."],
            [("Yie maiv maaih nyaanh hlaax hlaax cuotv, hnangv haaix nor?",
              "Haih ginv 3, 6 fai 12 hlaax yietc nzunc, siou mbiauh, maaic ga'naaiv nyei "
              "ziangh hoc cuotv. Maaih hlaax cuotv maiv duqv, haih dingh yietc zanc, nqa'haav "
              "aengx cuotv."),
             ("Yie cuotv mi'aqv, maiv buang hnyangx duqv gox zanc nyei nyaanh, nyaanh maiv "
              "maaih fai?",
              "Corc maaih. Bieqc nyei mienh haih aengx cuotv taux buang hnyangx, fai ziux leiz "
              "yietc nzunc zipv BHXH nyei nyaanh, fai louc jienv cuotv jiex nyei ziangh hoc."),
             ("Yiem haaix cuotv?",
              "Yiem laangz nyei BHXH zipv nyaanh mienh, fungx sou dorngx, fai longc VssID "
              "cuotv. BHXH nyei gaanv bou caux tengx gong nyei mienh njaaux fiev sou.")]),
    },
    "household_bhyt": {
        "en": (
            "Household BHYT: the whole family covered when illness strikes",
            ["Household BHYT is for the members of a household without a BHYT card of another "
             "kind (for example, no state-paid card and no pupil's card).",
             "The first member pays {household_bhyt_rate_percent}% of the base salary: "
             "{household_bhyt_first_monthly} VND a month, that is "
             "{household_bhyt_first_yearly} VND a year. From the second member on it costs "
             "less: the second pays {household_bhyt_second_yearly} VND a year, the third "
             "{household_bhyt_third_yearly}, the fourth {household_bhyt_fourth_yearly}, from "
             "the fifth on {household_bhyt_fifth_yearly} VND a year.",
             "With a BHYT card, care at the registered facility is mostly paid by BHYT, even "
             "long hospital stays and serious illness.",
             "Buy for the whole household at once, and renew before the card expires so that "
             "cover is never broken."],
            [("Must we buy for children under 6?",
              "No. Children under 6 get a free BHYT card from the state."),
             ("We are a poor household.",
              "People of poor households, and ethnic minorities living in especially difficult "
              "areas, have BHYT paid by the state. The officer checks whether the family's "
              "cards are still valid."),
             ("How long is a card valid?",
              "You can buy 3, 6 or 12 months. Renew when it nears its end so as not to lose "
              "cover.")]),
        "hnj": (
            "BHYT tsev neeg: tag nrho tsev neeg tsis txhawj thaum mob",
            ["BHYT tsev neeg yog rau cov neeg hauv tsev uas tsis tau muaj daim npav BHYT lwm "
             "yam (piv txwv: tsis muaj daim npav tsoom fwv them, tsis muaj daim npav kawm "
             "ntawv).",
             "Thawj tus them {household_bhyt_rate_percent}% ntawm cov nyiaj hli hauv paus: "
             "{household_bhyt_first_monthly} nyiaj ib hlis, yog {household_bhyt_first_yearly} "
             "nyiaj ib xyoos. Txij tus thib ob mus them tsawg dua: tus thib ob them "
             "{household_bhyt_second_yearly} nyiaj ib xyoos, tus thib peb "
             "{household_bhyt_third_yearly}, tus thib plaub {household_bhyt_fourth_yearly}, "
             "txij tus thib tsib mus {household_bhyt_fifth_yearly} nyiaj ib xyoos.",
             "Muaj daim npav BHYT, mus kho mob raws qhov chaw sau npe, BHYT them feem ntau "
             "ntawm tus nqi, txawm yog pw tsev kho mob ntev los mob hnyav.",
             "Yuav rau tag nrho tsev neeg ib zaug thiab txuas ntxiv ua ntej daim npav tas sij "
             "hawm kom tsis txhob tu kev pab."],
            [("Menyuam yaus tsis txog 6 xyoos puas yuav tsum yuav?",
              "Tsis yuav. Menyuam yaus tsis txog 6 xyoos tsoom fwv muab daim npav BHYT dawb."),
             ("Kuv tsev neeg yog tsev neeg txom nyem ne?",
              "Cov neeg hauv tsev neeg txom nyem, thiab haiv neeg tsawg nyob thaj chaw nyuaj "
              "heev, tsoom fwv them BHYT rau. Neeg ua haujlwm yuav saib seb tsev neeg daim npav "
              "puas tseem siv tau."),
             ("Daim npav siv tau ntev li cas?",
              "Yuav tau 3, 6 los 12 hlis. Thaum yuav luag tas sij hawm, txuas ntxiv kom tsis "
              "txhob poob kev pab.")]),
        "blt": (
            "BHYT ꪹꪭꪙ: ꫛ ꪻꪙ ꪹꪭꪙ ꪕꪰꪉ ꪶꪢꪒ ꪻꪊ ꪒꪲ ꪣꪳ ꪹꪊꪚ",
            ["BHYT ꪹꪭꪙ ꪻꪬ ꫛ ꪻꪙ ꪹꪭꪙ ꪹꪚꪱ ꪑꪰꪉ ꪣꪲ ꪵꪖ BHYT ꪮꪳꪙ (ꪪꪲ ꪥꪴ: ꪹꪚꪱ ꪣꪲ ꪵꪖ ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ, "
             "ꪹꪚꪱ ꪣꪲ ꪵꪖ ꫛ ꪭꪸꪙ ꪎꪳ).",
             "ꫛ ꪀꪮꪙ ꪎꪸ {household_bhyt_rate_percent}% ꪄꪮꪉ ꪹꪉꪷꪙ ꪹꪚꪙ ꪀꪮꪙ: "
             "{household_bhyt_first_monthly} ꪹꪉꪷꪙ ꪋꪴ ꪹꪚꪙ, ꪜꪸꪙ {household_bhyt_first_yearly} "
             "ꪹꪉꪷꪙ ꪋꪴ ꪜꪲ. ꪕꪳ ꫛ ꪕꪲ 2 ꪼꪜ ꪎꪸ ꪙꪮꪥ ꪩꪰꪉ: ꫛ ꪕꪲ 2 ꪎꪸ {household_bhyt_second_yearly} "
             "ꪹꪉꪷꪙ ꪋꪴ ꪜꪲ, ꫛ ꪕꪲ 3 {household_bhyt_third_yearly}, ꫛ ꪕꪲ 4 "
             "{household_bhyt_fourth_yearly}, ꪕꪳ ꫛ ꪕꪲ 5 ꪼꪜ {household_bhyt_fifth_yearly} ꪹꪉꪷꪙ "
             "ꪋꪴ ꪜꪲ.",
             "ꪣꪲ ꪵꪖ BHYT, ꪼꪜ ꪔꪮꪉ ꪹꪭꪙ ꪤꪱ ꪒꪰꪉ ꪀꪲ, BHYT ꪎꪸ ꪹꪉꪷꪙ ꪤꪱ ꪨꪱꪥ, ꪣꪳ ꪙꪮꪙ ꪹꪭꪙ ꪤꪱ "
             "ꪙꪱꪙ ꪭꪳ ꪹꪊꪚ ꪘꪰꪀ ꪀꪷ ꪹꪏꪉ ꪀꪽ.",
             "ꪏꪳ ꪻꪬ ꫛ ꪻꪙ ꪹꪭꪙ ꪕꪰꪉ ꪶꪢꪒ ꪣꪳ ꪹꪒꪸꪫ ꪀꪾꪚ ꪔꪷ ꪵꪖ ꪀꪮꪙ ꪶꪢꪒ ꪭꪰꪙ, ꪹꪚꪱ ꪻꪬ ꪄꪱꪒ."],
            [("ꪩꪴꪀ ꪙꪮꪥ ꪹꪚꪱ ꪭꪮꪒ 6 ꪜꪲ ꪔꪮꪉ ꪏꪳ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪔꪮꪉ. ꪩꪴꪀ ꪙꪮꪥ ꪹꪚꪱ ꪭꪮꪒ 6 ꪜꪲ ꪚꪱꪙ ꪹꪣꪉ ꪹꪮꪱ ꪵꪖ BHYT ꪹꪚꪱ ꪎꪸ ꪹꪉꪷꪙ ꪻꪬ."),
             ("ꪹꪭꪙ ꪀꪰ ꪜꪸꪙ ꪹꪭꪙ ꪑꪱꪀ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꫛ ꪹꪭꪙ ꪑꪱꪀ, ꫛ ꪹꪤꪷꪙ ꪶꪕꪀ ꪙꪮꪥ ꪤꪴ ꪚꪮꪙ ꪑꪱꪀ ꪨꪱꪥ, ꪚꪱꪙ ꪹꪣꪉ ꪎꪸ BHYT ꪻꪬ. ꪀꪱꪙ "
              "ꪶꪛ ꪹꪚꪷꪉ ꪵꪖ ꪄꪮꪉ ꪹꪭꪙ ꪑꪰꪉ ꪻꪋ ꪼꪒ ꪭꪳ ꪹꪚꪱ."),
             ("ꪵꪖ ꪻꪋ ꪼꪒ ꪀꪲ ꪹꪚꪙ?",
              "ꪏꪳ ꪼꪒ 3, 6 ꪭꪳ 12 ꪹꪚꪙ. ꪣꪳ ꪻꪀ ꪶꪢꪒ ꪭꪰꪙ, ꪔꪷ ꪵꪖ ꪹꪚꪱ ꪻꪬ ꪭꪱꪥ ꪹꪉꪷꪙ ꪏꪺꪥ.")]),
        "ium": (
            "BHYT biauv zong: mun nyei ziangh hoc yietc biauv zong maiv zuqc nzauh",
            ["BHYT biauv zong se bun biauv zong gu'nyuoz maiv gaengh maaih dieh nyungc BHYT "
             "tex nyei mienh (hnangv: maiv maaih hungh jaa cuotv nyaanh nyei tex, maiv maaih "
             "horqc saeng nyei tex).",
             "Da'yietv dauh cuotv gorn gong-zinh nyei {household_bhyt_rate_percent}%: "
             "{household_bhyt_first_monthly} nyaanh yietc hlaax, se "
             "{household_bhyt_first_yearly} nyaanh yietc hnyangx. Da'nyeic dauh faaux cuotv "
             "gauh siex: da'nyeic dauh cuotv {household_bhyt_second_yearly} nyaanh yietc "
             "hnyangx, da'faam dauh {household_bhyt_third_yearly}, da'feix dauh "
             "{household_bhyt_fourth_yearly}, da'hmz dauh faaux {household_bhyt_fifth_yearly} "
             "nyaanh yietc hnyangx.",
             "Maaih BHYT tex, ziux fiev mbuox nyei dorngx mingh zorc baengc, BHYT cuotv camv "
             "nyei nyaanh, bueix zorc baengc biauv lauh fai baengc hniev yaac fih hnangv.",
             "Yietc nzunc maaiz bun yietc biauv zong, tex maiv gaengh dangx hnoi ndaangc aengx "
             "maaiz, maiv bun dingh."],
            [("Fu'jueiv maiv gaengh taux 6 hnyangx oix zuqc maaiz fai?",
              "Maiv zuqc. Fu'jueiv maiv gaengh taux 6 hnyangx hungh jaa bun maiv longc nyaanh "
              "nyei BHYT tex."),
             ("Yie nyei biauv zong se biauv zong jomc, hnangv haaix nor?",
              "Biauv zong jomc nyei mienh, caux yiem deic-bung gaan-naanh haic nyei fingx-siex "
              "mienh, hungh jaa tengx cuotv BHYT. BHXH nyei gaanv bou mangc biauv zong nyei "
              "tex corc longc duqv fai maiv duqv."),
             ("Tex longc duqv ziex lauh?",
              "Haih maaiz 3, 6 fai 12 hlaax. Fatv dangx hnoi nyei ziangh hoc aengx maaiz, maiv "
              "bun mingh nzengc tengx.")]),
    },
    "vssid": {
        "en": (
            "The VssID app: your social insurance on your phone",
            ["VssID is the official smartphone app of Vietnam Social Security.",
             "On VssID people see their BHXH and BHYT contributions, show their BHYT card on "
             "the phone at the clinic, and follow the benefits they receive.",
             "To install: download the “VssID – BHXH số” app from CH Play or the App Store; "
             "register with the CCCD number and a phone number; log in with the BHXH number "
             "or an electronic identification account.",
             "Never share your password or an OTP code with anyone. BHXH officers never ask "
             "for your password."],
            [("I have no smartphone.",
              "A relative can install it and look things up for you. The paper BHYT card "
              "still works at the clinic."),
             ("Does VssID cost anything?",
              "No. The app is free.")]),
        "hnj": (
            "Daim app VssID: koj cov BHXH hauv xov tooj",
            ["VssID yog daim app ntawm BHXH Nyab Laj rau xov tooj ntse.",
             "Hauv VssID, neeg saib tau lawv cov nyiaj them BHXH thiab BHYT, siv daim npav "
             "BHYT hauv xov tooj thaum mus kho mob, thiab saib cov nyiaj pab tau txais.",
             "Nruab: rub daim app VssID hauv lub khw app ntawm xov tooj; sau npe nrog tus lej "
             "CCCD thiab tus xov tooj; nkag nrog tus lej BHXH los VNeID.",
             "Tsis txhob qhia lo lus zais los tus lej OTP rau leej twg. Neeg ua haujlwm BHXH "
             "yeej tsis nug koj lo lus zais."],
            [("Kuv tsis muaj xov tooj ntse ne?",
              "Neeg hauv tsev neeg pab tau nruab thiab saib rau koj. Daim npav BHYT ntawv tseem "
              "siv tau thaum mus kho mob."),
             ("Nruab VssID puas them nyiaj?",
              "Tsis them. Daim app yog dawb.")]),
        "blt": (
            "VssID: BHXH ꪄꪮꪉ ꪹꪋꪱ ꪻꪙ ꪒꪸꪙ ꪖꪺꪥ",
            ["VssID ꪜꪸꪙ ꪄꪮꪉ ꪻꪋ ꪻꪙ ꪒꪸꪙ ꪖꪺꪥ ꪄꪮꪉ BHXH ꪹꪣꪉ ꪵꪀꪫ.",
             "ꪻꪙ VssID, ꫛ ꪹꪚꪷꪉ ꪹꪉꪷꪙ ꪎꪸ BHXH, BHYT ꪄꪮꪉ ꪕꪳ, ꪻꪋ ꪵꪖ BHYT ꪻꪙ ꪒꪸꪙ ꪖꪺꪥ ꪣꪳ ꪼꪜ "
             "ꪹꪭꪙ ꪤꪱ, ꪀꪾꪚ ꪹꪚꪷꪉ ꪹꪉꪷꪙ ꪏꪺꪥ ꪼꪒ.",
             "ꪻꪎ: ꪹꪮꪱ VssID ꪣꪱ ꪻꪎ ꪒꪸꪙ ꪖꪺꪥ; ꪒꪰꪉ ꪀꪲ ꪀꪾꪚ ꪶꪎ CCCD ꪀꪾꪚ ꪶꪎ ꪒꪸꪙ ꪖꪺꪥ; ꪹꪄꪱ "
             "ꪀꪾꪚ ꪶꪎ BHXH.",
             "ꪹꪚꪱ ꪔꪮꪉ ꪹꪫꪱ ꪁꪫꪱꪣ ꪩꪰꪚ ꪭꪳ ꪶꪎ OTP ꪻꪬ ꫛ ꪻꪒ. ꪀꪱꪙ ꪶꪛ BHXH ꪹꪚꪱ ꪖꪱꪣ ꪁꪫꪱꪣ ꪩꪰꪚ ꪄꪮꪉ "
             "ꪹꪋꪱ."],
            [("ꪀꪰ ꪹꪚꪱ ꪣꪲ ꪒꪸꪙ ꪖꪺꪥ, ꪹꪜꪸꪙ ꪻꪒ?",
              "ꫛ ꪻꪙ ꪹꪭꪙ ꪏꪺꪥ ꪻꪎ ꪀꪾꪚ ꪹꪚꪷꪉ ꪻꪬ ꪼꪒ. ꪵꪖ BHYT ꪻꪚ ꪑꪰꪉ ꪻꪋ ꪼꪒ ꪣꪳ ꪼꪜ ꪹꪭꪙ ꪤꪱ."),
             ("ꪻꪎ VssID ꪔꪮꪉ ꪎꪸ ꪹꪉꪷꪙ ꪭꪳ ꪹꪚꪱ?",
              "ꪹꪚꪱ ꪔꪮꪉ ꪎꪸ.")]),
        "ium": (
            "VssID: dien-waac gu'nyuoz nyei BHXH",
            ["VssID se Yietv Namh BHXH ganh zoux nyei, yiem dien-waac longc.",
             "Yiem VssID mienh mangc duqv ganh cuotv jiex BHXH, BHYT nyei nyaanh, mingh zorc "
             "baengc nyei ziangh hoc longc dien-waac gu'nyuoz nyei BHYT tex, yaac mangc duqv "
             "tengx nyei nyaanh.",
             "Buov: ndaam VssID; longc CCCD nyei sou-mbuo caux dien-waac nyei sou-mbuo fiev "
             "mbuox; longc BHXH nyei sou-mbuo bieqc.",
             "Maiv dungx bun haaix dauh bingx nyei waac fai OTP nyei sou-mbuo. BHXH nyei "
             "gong-mienh maiv zeiz naaic meih nyei bingx nyei waac."],
            [("Yie maiv maaih dien-waac, hnangv haaix nor?",
              "Biauv gu'nyuoz nyei mienh haih tengx buov caux tengx mangc. BHYT nyei tex mingh "
              "zorc baengc corc longc duqv."),
             ("Buov VssID oix zuqc cuotv nyaanh fai?",
              "Maiv zuqc. Maiv longc nyaanh.")]),
    },
}


def _key_messages(points):
    """Numbered talking points, one a line, as step 0005's samples are written."""
    return "\n".join(f"{n}. {point}" for n, point in enumerate(points, 1))


def migrate(db):
    import json

    synced = {"created_at": _STAMP, "updated_at": _STAMP}
    for code, label, position in _TOPICS_V18:
        if db.execute("select 1 from list_items where list = 'topic' and code = ?",
                      [code]).fetchone():
            continue
        db["list_items"].insert({"id": _seeded_id("list", f"topic:{code}"), **synced,
                                 "list": "topic", "code": code, "label": label,
                                 "position": position, "active": 1})

    def add_text(script_id, key, language, text):
        # A text the central server already holds in the language (an administrator wrote
        # one first) is kept: the draft would only collide with its revision.
        if db.execute("select 1 from script_texts where script_id = ? and language = ?",
                      [script_id, language]).fetchone():
            return
        title, points, questions = text
        db["script_texts"].insert({
            "id": _seeded_id("script_text", f"{key}:{language}:1"), **synced,
            "script_id": script_id, "language": language, "revision": 1, "title": title,
            "key_messages": _key_messages(points),
            "questions": json.dumps([{"q": q, "a": a} for q, a in questions],
                                    ensure_ascii=False),
            "reviewed": 0 if language in _DRAFTS_V18 else 1})

    for group, topic, texts in _SCRIPTS_V18:
        key = f"{group}:{topic}"
        script_id = _seeded_id("script", key)
        if not db.execute("select 1 from scripts where id = ?", [script_id]).fetchone():
            db["scripts"].insert({"id": script_id, **synced, "target_group": group,
                                  "topic": topic, "sample": 1})
        for language, text in texts.items():
            add_text(script_id, key, language, text)
    for key, texts in _SAMPLES_V5_TEXTS.items():
        script_id = _seeded_id("script", key)
        if db.execute("select 1 from scripts where id = ?", [script_id]).fetchone():
            for language, text in texts.items():
                add_text(script_id, key, language, text)
