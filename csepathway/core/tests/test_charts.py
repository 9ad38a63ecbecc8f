from csepathway.core.charts import BarChart, LineChart, Row, Series


def _macro(chart):
    from django.template import engines

    template = engines["jinja2"].from_string('{% from "core/chart.html" import chart %}{{ chart(c, "t") }}')
    return template.render({"c": chart})


def test_a_bar_chart_shows_every_figure_in_a_table_and_links_to_the_list_behind_it():
    chart = BarChart(title="Children by risk level", rows=(Row("High", 3, "/high"), Row("Low <b>", 12)))
    html = _macro(chart)
    assert 'role="img"' in html and "<title" in html
    assert "the largest is Low &lt;b&gt; with 12" in html
    assert '<a class="govuk-link" href="/high">3' in html
    assert "<b>" not in html
    # The longest bar is the biggest value; the other is drawn to scale.
    widths = [bar["width"] for bar in chart.bars]
    assert widths[1] > widths[0] and round(widths[1] / widths[0], 1) == 4.0


def test_a_line_chart_on_risk_levels_reads_the_levels_in_its_table():
    chart = LineChart(title="Risk over time", points=("1 Jan", "1 Feb", "1 Mar"),
                      series=(Series("Risk level", (1, None, 3)),), levels=("None", "Low", "Medium", "High"),
                      point_heading="Date")
    html = _macro(chart)
    assert [row["cells"] for row in chart.table_rows] == [["Low"], ["–"], ["High"]]
    assert html.count("<circle") == 2
    assert [line["label"] for line in chart.gridlines] == ["None", "Low", "Medium", "High"]


def test_a_line_chart_axis_is_a_round_number_above_the_highest_value():
    chart = LineChart(title="Per cent on time", points=("Jan", "Feb"),
                      series=(Series("A", (37, 93)), Series("B", (50, 61))))
    assert chart.gridlines[-1]["label"] == "100"
    html = _macro(chart)
    assert "<rect" in html  # the second series is drawn with squares, not only a colour
    assert "B (square)" in html



def test_the_last_months_label_never_sits_on_top_of_another():
    months = tuple(f"{month:02d}/2026" for month in range(1, 13))
    chart = LineChart(title="Trend", points=months, series=(Series("A", (1,) * 12),), maximum=100)
    labels = chart.axis_labels
    assert labels[0]["label"] == "01/2026" and labels[-1]["label"] == "12/2026"
    assert all(after["x"] - before["x"] >= 60 for before, after in zip(labels, labels[1:], strict=False))
    assert chart.gridlines[-1]["label"] == "100"


def test_a_step_line_holds_each_level_until_the_next_point():
    chart = LineChart(title="Risk over time", points=("1 Jan", "1 Feb", "1 Mar"),
                      series=(Series("Risk level", (0, 2, 2)),), levels=("Low", "Medium", "High"), step=True)
    line = chart.lines[0]
    low, high = chart._y(0), chart._y(2)
    feb = line["dots"][1]["x"]
    # From Low across to February, then up: no slope through Medium, and no corner where the level stays.
    assert line["path"].split() == [f"{line['dots'][0]['x']},{low}", f"{feb},{low}", f"{feb},{high}",
                                    f"{line['dots'][2]['x']},{high}"]
    sloped = LineChart(title="t", points=("a", "b"), series=(Series("s", (0, 2)),), levels=("Low", "Medium", "High"))
    assert len(sloped.lines[0]["path"].split()) == 2


def test_a_chart_can_leave_its_figures_to_a_fuller_table_on_the_page():
    from django.template import engines

    chart = LineChart(title="Risk over time", points=("1 Jan",), series=(Series("Risk level", (1,)),),
                      levels=("Low", "Medium", "High"))
    template = engines["jinja2"].from_string(
        '{% from "core/chart.html" import chart %}{{ chart(c, "t", figures=false) }}')
    html = template.render({"c": chart})
    assert "<svg" in html and "The figures in this chart" not in html and "<table" not in html
    assert "The figures in this chart" in _macro(chart)


def test_a_long_label_at_the_edge_ends_at_its_point_instead_of_running_off_the_picture():
    dates = LineChart(title="t", points=("6 Dec 2026", "30 May 2027"), series=(Series("s", (0, 1)),),
                      levels=("Low", "High"))
    months = LineChart(title="t", points=("Jan", "Feb"), series=(Series("s", (1, 2)),))
    assert [label["anchor"] for label in dates.axis_labels] == ["middle", "end"]
    assert [label["anchor"] for label in months.axis_labels] == ["middle", "middle"]
    assert 'text-anchor="end">30 May 2027' in _macro(dates)


def test_long_labels_are_thinned_so_none_overlap_and_the_last_is_kept():
    dates = tuple(f"{day} May 2027" for day in range(10, 18))
    chart = LineChart(title="t", points=dates, series=(Series("s", tuple(range(8))),))
    shown = chart.axis_labels
    assert shown[-1]["label"] == "17 May 2027" and len(shown) < len(dates)
    assert all(later["x"] - earlier["x"] >= len(earlier["label"]) * 8 for earlier, later in
               zip(shown, shown[1:], strict=False))
    months = LineChart(title="t", points=("Jan", "Feb", "Mar", "Apr", "May", "Jun"), series=(Series("s", (1,) * 6),))
    assert len(months.axis_labels) == 6
