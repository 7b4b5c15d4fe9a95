from xiezuo.industry.imports import sales_import
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import a consumption-sales sheet (销售日期, 产品, 产地乡镇, 供货主体, 供货主体信用代码, "
            "采购单位, 采购单位信用代码, 采购方类别, 销售渠道, 数量, 单位, 金额（元）, 带动贫困户, 备注). "
            "Organisations must be registered. Exit codes as import_linkages.")

    def run(self, o):
        return sales_import(path=o["file"], dry_run=o["dry_run"], strict=o["strict"],
                            report_path=o["report"])
