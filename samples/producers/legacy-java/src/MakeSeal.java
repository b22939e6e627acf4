import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * The agency's seal image the visible signatures show (a red ring with a star, the shape of a
 * Vietnamese official seal), drawn without antialiasing so it is the same PNG every time.
 *
 * Usage: MakeSeal OUT.png|OUT.jpg (PNG for iText; JPEG for PDFBox 1.8, whose visible signature
 * builder writes any image file as it is under /DCTDecode)
 */
public final class MakeSeal {
    public static void main(String[] argv) throws Exception {
        int size = 96;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(200, 16, 46));
        g.setStroke(new BasicStroke(5));
        g.drawOval(6, 6, size - 12, size - 12);
        g.setStroke(new BasicStroke(2));
        g.drawOval(18, 18, size - 36, size - 36);
        int[] xs = new int[10], ys = new int[10];
        for (int i = 0; i < 10; i++) {
            double angle = Math.PI / 2 + i * Math.PI / 5, radius = i % 2 == 0 ? 22 : 9;
            xs[i] = (int) Math.round(size / 2 + radius * Math.cos(angle));
            ys[i] = (int) Math.round(size / 2 - radius * Math.sin(angle));
        }
        g.fillPolygon(xs, ys, 10);
        g.dispose();
        ImageIO.write(image, argv[0].endsWith(".jpg") ? "jpg" : "png", new File(argv[0]));
    }
}
