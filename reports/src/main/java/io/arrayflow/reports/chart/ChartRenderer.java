package io.arrayflow.reports.chart;

import io.arrayflow.reports.chart.ChartData.Panel;
import io.arrayflow.reports.chart.ChartData.Point;
import io.arrayflow.reports.chart.ChartData.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws {@link ChartData} with JFreeChart, headless, at a fixed size for a paper figure: titles,
 * axis labels with units, a legend; bars filled with patterns and marks drawn as distinct shapes,
 * so series stay apart when printed in greyscale; PNG and SVG of the same drawing.
 */
public final class ChartRenderer {
  /** Width of every chart, pixels (SVG user units). */
  public static final int WIDTH = 1000;

  /** Height of a one-panel chart, pixels; charts with several panels grow per panel. */
  public static final int HEIGHT = 600;

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Color GRID = new Color(0xC8C8C8);

  /**
   * Base colours, each of a different lightness so that they differ in greyscale too; fills
   * alternate solid and patterned on top of that.
   */
  private static final Color[] COLORS = {
    new Color(0x1F3A5F),
    new Color(0xE69F00),
    new Color(0x56B4E9),
    new Color(0x8B1E3F),
    new Color(0x009E73),
    new Color(0xF0E442),
    new Color(0x5E3C99),
    new Color(0x999999),
    new Color(0x000000),
  };

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ChartRenderer() {}

  /** The chart's height: one panel is {@link #HEIGHT}, each further panel adds 60%. */
  public static int height(ChartData data) {
    return HEIGHT + (int) (0.6 * HEIGHT * (data.panels().size() - 1));
  }

  /** {@code data} drawn as a PNG image. */
  public static byte[] png(ChartData data) throws IOException {
    JFreeChart chart = chart(data);
    BufferedImage img = new BufferedImage(WIDTH, height(data), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    chart.draw(g, new Rectangle(WIDTH, height(data)));
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeBufferedImageAsPNG(out, img);
    return out.toByteArray();
  }

  /** {@code data} drawn as an SVG document. */
  public static byte[] svg(ChartData data) {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height(data));
    // A fixed prefix: the default one is made from the clock, which would change every file.
    g.setDefsKeyPrefix("arrayflow");
    chart(data).draw(g, new Rectangle2D.Double(0, 0, WIDTH, height(data)));
    return (g.getSVGDocument() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The JFreeChart of {@code data}. */
  static JFreeChart chart(ChartData data) {
    JFreeChart chart =
        switch (data.shape()) {
          case STACKED_BARS -> bars(data);
          case SCATTER, LOG_SCATTER -> scatter(data);
        };
    chart.setTitle(new TextTitle(data.title(), TITLE));
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setFrame(BlockBorder.NONE);
    }
    return chart;
  }

  private static JFreeChart bars(ChartData data) {
    List<String> names = data.seriesNames();
    CategoryAxis domain = new CategoryAxis(data.xLabel());
    style(domain);
    domain.setCategoryMargin(0.25);
    int categories = 0;
    for (Panel p : data.panels()) {
      if (!p.series().isEmpty()) {
        categories = Math.max(categories, p.series().get(0).points().size());
      }
    }
    if (categories > 8) {
      domain.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
    }
    CombinedDomainCategoryPlot combined = new CombinedDomainCategoryPlot(domain);
    combined.setGap(12);
    for (Panel p : data.panels()) {
      DefaultCategoryDataset ds = new DefaultCategoryDataset();
      for (Series s : p.series()) {
        for (Point pt : s.points()) {
          ds.addValue(pt.y(), s.name(), pt.category());
        }
      }
      StackedBarRenderer r = new StackedBarRenderer();
      r.setBarPainter(new StandardBarPainter());
      r.setShadowVisible(false);
      r.setDrawBarOutline(true);
      r.setMaximumBarWidth(0.12);
      for (int i = 0; i < p.series().size(); i++) {
        int k = names.indexOf(p.series().get(i).name());
        r.setSeriesPaint(i, fill(k));
        r.setSeriesOutlinePaint(i, Color.BLACK);
        r.setSeriesOutlineStroke(i, new BasicStroke(0.6f));
      }
      NumberAxis range =
          new NumberAxis(p.name().isEmpty() ? data.yLabel() : p.name() + ": " + data.yLabel());
      style(range);
      CategoryPlot plot = new CategoryPlot(ds, null, range, r);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setRangeGridlinePaint(GRID);
      plot.setOutlineVisible(false);
      combined.add(plot, 1);
    }
    LegendItemCollection legend = new LegendItemCollection();
    for (int k = 0; k < names.size(); k++) {
      LegendItem item =
          new LegendItem(
              names.get(k),
              null,
              null,
              null,
              new Rectangle(-7, -7, 14, 14),
              fill(k),
              new BasicStroke(0.6f),
              Color.BLACK);
      legend.add(item);
    }
    combined.setFixedLegendItems(legend);
    return new JFreeChart(null, TITLE, combined, true);
  }

  private static JFreeChart scatter(ChartData data) {
    XYSeriesCollection ds = new XYSeriesCollection();
    List<Series> series = data.panels().get(0).series();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      XYSeries xy = new XYSeries(s.name(), false, true);
      s.points().forEach(p -> xy.add(p.x(), p.y()));
      ds.addSeries(xy);
      r.setSeriesLinesVisible(i, s.line());
      r.setSeriesShapesVisible(i, !s.line());
      r.setSeriesShape(i, shape(i));
      r.setSeriesPaint(i, s.line() ? Color.BLACK : COLORS[i % COLORS.length]);
      r.setSeriesStroke(
          i,
          s.line()
              ? new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
              : new BasicStroke(1f));
      r.setSeriesShapesFilled(i, i % 2 == 0);
    }
    r.setUseOutlinePaint(false);
    boolean log = data.shape() == ChartData.Shape.LOG_SCATTER;
    ValueAxis x = log ? logAxis(data.xLabel()) : new NumberAxis(data.xLabel());
    ValueAxis y = log ? logAxis(data.yLabel()) : new NumberAxis(data.yLabel());
    style(x);
    style(y);
    if (!log) {
      ((NumberAxis) x).setAutoRangeIncludesZero(false);
      ((NumberAxis) y).setAutoRangeIncludesZero(false);
    }
    XYPlot plot = new XYPlot(ds, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setOutlineVisible(false);
    // Labels beside their marks, turn by turn above-right, below-right, above-left, so that
    // neighbours on a front do not cover each other.
    TextAnchor[] anchors = {TextAnchor.BOTTOM_LEFT, TextAnchor.TOP_LEFT, TextAnchor.BOTTOM_RIGHT};
    int labelled = 0;
    for (Series s : series) {
      if (!s.line()) {
        continue;
      }
      for (Point p : s.points()) {
        if (!p.label().isEmpty()) {
          XYTextAnnotation a = new XYTextAnnotation(" " + p.label() + " ", p.x(), p.y());
          a.setFont(TICK);
          a.setTextAnchor(anchors[labelled++ % anchors.length]);
          a.setBackgroundPaint(new Color(255, 255, 255, 220));
          a.setOutlinePaint(Color.DARK_GRAY);
          a.setOutlineVisible(true);
          plot.addAnnotation(a);
        }
      }
    }
    return new JFreeChart(null, TITLE, plot, true);
  }

  /** A base-10 axis with a tick per decade, labelled 0.01, 1, 100 (not 1E-2). */
  private static LogAxis logAxis(String label) {
    LogAxis a = new LogAxis(label);
    a.setBase(10);
    a.setSmallestValue(1e-9);
    a.setAutoTickUnitSelection(false);
    a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    a.setMinorTickCount(9);
    a.setMinorTickMarksVisible(true);
    return a;
  }

  private static void style(org.jfree.chart.axis.Axis a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
    if (a instanceof NumberAxis n) {
      n.setNumberFormatOverride(new TickFormat());
    } else if (a instanceof LogAxis l) {
      l.setNumberFormatOverride(
          new java.text.DecimalFormat(
              "0.##########", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
    }
  }

  /**
   * Fill {@code k}: a colour of its own lightness; every second fill is also hatched (diagonal,
   * crossed, dotted, horizontal in turn), so neighbours differ even without colour.
   */
  static Paint fill(int k) {
    Color c = COLORS[k % COLORS.length];
    if (k % 2 == 0) {
      return c;
    }
    int size = 8;
    BufferedImage tile = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = tile.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setColor(c);
    g.setStroke(new BasicStroke(2f));
    switch ((k / 2) % 4) {
      case 0 -> g.drawLine(0, size, size, 0);
      case 1 -> {
        g.drawLine(0, size, size, 0);
        g.drawLine(0, 0, size, size);
      }
      case 2 -> g.fillOval(2, 2, 4, 4);
      default -> g.drawLine(0, size / 2, size, size / 2);
    }
    g.dispose();
    return new TexturePaint(tile, new Rectangle(0, 0, size, size));
  }

  /** Mark shapes: circle, square, triangle, diamond, in turn. */
  private static java.awt.Shape shape(int i) {
    double s = 9;
    return switch (i % 4) {
      case 0 -> new Ellipse2D.Double(-s / 2, -s / 2, s, s);
      case 1 -> new Rectangle2D.Double(-s / 2, -s / 2, s, s);
      case 2 -> {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -s / 2);
        p.lineTo(s / 2, s / 2);
        p.lineTo(-s / 2, s / 2);
        p.closePath();
        yield p;
      }
      default -> {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -s / 2);
        p.lineTo(s / 2, 0);
        p.lineTo(0, s / 2);
        p.lineTo(-s / 2, 0);
        p.closePath();
        yield p;
      }
    };
  }
}
