package com.split.web.test;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * What a chart of split-web/charts.js drew, read in the browser: the data points of each series as the chart holds
 * them, and the coloured pixels on its canvas inside its plot areas (axes, labels and grid lines are grey, the legend
 * lies outside the plot; every series colour is saturated), so that an empty canvas, or one with axes only, is told
 * from a chart that drew data.
 */
public final class Charts {

    private static final String SERIES_POINTS = """
            const chart = echarts.getInstanceByDom(document.querySelector(arguments[0]));
            return chart ? chart.getOption().series.map((series) => series.data.length) : null;""";

    // getRect() of each grid is where the series draw; the canvas may be scaled by the device pixel ratio
    private static final String PLOT_PIXELS = """
            const element = document.querySelector(arguments[0]);
            const chart = echarts.getInstanceByDom(element);
            const canvas = element.querySelector('canvas');
            if (!chart || !canvas) {
                return 0;
            }
            const scale = canvas.width / element.clientWidth;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let coloured = 0;
            for (const grid of chart.getModel().queryComponents({mainType: 'grid'})) {
                const rect = grid.coordinateSystem.getRect();
                for (let y = Math.floor(rect.y * scale); y < (rect.y + rect.height) * scale; y++) {
                    for (let x = Math.floor(rect.x * scale); x < (rect.x + rect.width) * scale; x++) {
                        const i = (y * canvas.width + x) * 4;
                        const spread = Math.max(pixels[i], pixels[i + 1], pixels[i + 2])
                                - Math.min(pixels[i], pixels[i + 1], pixels[i + 2]);
                        if (pixels[i + 3] > 200 && spread > 40) {
                            coloured++;
                        }
                    }
                }
            }
            return coloured;""";

    private Charts() {}

    /** The number of data points of each series of the chart at {@code selector}; null when none is drawn there. */
    @SuppressWarnings("unchecked")
    public static List<Long> seriesPoints(WebDriver browser, String selector) {
        return (List<Long>) ((JavascriptExecutor) browser).executeScript(SERIES_POINTS, selector);
    }

    /** How many pixels inside the chart's plot areas are in a series colour. */
    public static long plottedPixels(WebDriver browser, String selector) {
        return (Long) ((JavascriptExecutor) browser).executeScript(PLOT_PIXELS, selector);
    }
}
