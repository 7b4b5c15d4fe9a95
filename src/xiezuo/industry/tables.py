"""The columns of every industry list: one spec for the page's table and its Excel export, so
the file holds exactly what the page shows (tabular.listexport)."""

from django.utils.translation import gettext_lazy as _

from xiezuo.tabular.listexport import XCol


def _label(field):
    return lambda o: getattr(o, f"get_{field}_display")()


def _households(sale):
    return "、".join(h.number for h in sale.households.all())


PROJECTS = [
    XCol(_("项目编号"), "code"), XCol(_("项目名称"), "name", width=30),
    XCol(_("投资主体"), "investor.name", width=26), XCol(_("东部引进"), lambda p: "是" if (
        p.investor.side == "east" or p.introduced_by_east) else "否"),
    XCol(_("产业"), _label("sector")), XCol(_("建设地点"), "area.name"),
    XCol(_("阶段"), _label("stage")), XCol(_("签约日期"), "signed_on", kind="date"),
    XCol(_("协议投资额（元）"), "contracted_amount", kind="money"),
    XCol(_("带动就业人数"), "jobs_created", kind="int"),
    XCol(_("其中贫困人口"), "poor_employed", kind="int"),
]
INVESTORS = [
    XCol(_("投资主体"), "name", width=30), XCol(_("统一社会信用代码"), "credit_code"),
    XCol(_("协作方"), _label("side")), XCol(_("所在地区"), "area.name"),
    XCol(_("项目数"), "n_projects", kind="int"),
]
ARRIVALS = [
    XCol(_("项目编号"), "project.code"), XCol(_("项目名称"), "project.name", width=30),
    XCol(_("投资主体"), "project.investor.name", width=26), XCol(_("年度"), "year", kind="int"),
    XCol(_("到位日期"), "date", kind="date"), XCol(_("到位资金（元）"), "amount", kind="money"),
    XCol(_("备注"), "note"),
]
LINKAGES = [
    XCol(_("项目编号"), "project.code"), XCol(_("项目名称"), "project.name", width=26),
    XCol(_("户编号"), "household.number", width=22),
    XCol(_("乡镇"), "household.village.parent.name"), XCol(_("村"), "household.village.name"),
    XCol(_("联结方式"), _label("kind")), XCol(_("年度"), "year", kind="int"),
    XCol(_("户年收益（元）"), "amount", kind="money"), XCol(_("备注"), "note"),
]
HOUSEHOLDS = [
    XCol(_("户编号"), "number", width=22), XCol(_("乡镇"), "village.parent.name"),
    XCol(_("村"), "village.name"), XCol(_("登记人数"), "member_count", kind="int"),
    XCol(_("脱贫属性"), _label("exit_status")),
]
EVENTS = [
    XCol(_("开始日期"), "started_on", kind="date"), XCol(_("结束日期"), "ended_on", kind="date"),
    XCol(_("活动名称"), "name", width=30), XCol(_("类别"), _label("kind")),
    XCol(_("平台"), _label("series")), XCol(_("举办地区"), "area.name"), XCol(_("地点"), "place"),
    XCol(_("参展单位数"), "participant_count", kind="int"),
    XCol(_("签约项目数"), "n_deals", kind="int"),
]
DEALS = [
    XCol(_("活动"), "event.name", width=26), XCol(_("日期"), "event.started_on", kind="date"),
    XCol(_("签约内容"), "title", width=30),
    XCol(_("签约单位"), lambda d: "、".join(o.name for o in d.organisations.all()), width=30),
    XCol(_("签约金额（元）"), "amount", kind="money"), XCol(_("跟进情况"), _label("follow_up")),
    XCol(_("落地项目"), lambda d: d.project.code if d.project else ""),
]
SALES = [
    XCol(_("销售日期"), "date", kind="date"), XCol(_("产品"), "product"),
    XCol(_("产地乡镇"), "township.name"),
    XCol(_("供货主体"), lambda s: s.supplier.name if s.supplier else (
        s.supplier_household.number if s.supplier_household else ""), width=24),
    XCol(_("采购单位"), "buyer.name", width=24), XCol(_("采购方类别"), _label("buyer_kind")),
    XCol(_("销售渠道"), _label("channel")), XCol(_("数量"), "quantity", kind="decimal"),
    XCol(_("单位"), "unit"), XCol(_("金额（元）"), "amount", kind="money"),
]
SALES_EXPORT = [*SALES, XCol(_("带动贫困户"), _households, width=30), XCol(_("备注"), "note")]
PRODUCTS = [
    XCol(_("产品名称"), "name", width=20), XCol(_("产地乡镇"), "township.name"),
    XCol(_("供货主体"), "supplier.name", width=26), XCol(_("认证"), _label("certification")),
    XCol(_("单价（元）"), "unit_price", kind="money"), XCol(_("计价单位"), "unit"),
    XCol(_("订购方式"), "how_to_order", width=30),
    XCol(_("公开展示"), lambda p: "是" if p.published else "否"),
]
