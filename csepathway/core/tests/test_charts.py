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


def test_a_long_run_of_points_never_prints_two_labels_over_each_other():
    months = tuple(f"Month {n}" for n in range(12))
    chart = LineChart(title="Twelve months", points=months, series=(Series("A", tuple(range(12))),))
    labels = [label["label"] for label in chart.axis_labels]
    assert labels[-1] == "Month 11" and "Month 10" not in labels
    xs = [label["x"] for label in chart.axis_labels]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= xs[1] - xs[0]
