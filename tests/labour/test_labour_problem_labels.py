"""A follow-up's problems are shown by their Chinese labels, never as stored codes."""

from django.utils import translation

from xiezuo.labour.models import FollowUp, join


def test_follow_up_problems_show_chinese_labels_not_codes():
    fu = FollowUp(problems=join(["unpaid_wages", "housing"]))
    with translation.override("zh-hans"):
        labels = fu.problem_labels
    assert sorted(labels) == sorted(["拖欠工资", "住房困难"])
    assert "unpaid_wages" not in labels


def test_the_placement_page_uses_the_labels():
    from pathlib import Path

    import xiezuo.labour

    template = Path(xiezuo.labour.__file__).parent / "templates/labour/placement_detail.html"
    text = template.read_text(encoding="utf-8")
    assert "problem_labels" in text and "problem_list|join" not in text
