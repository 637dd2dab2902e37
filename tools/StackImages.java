import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Stacks PNG pictures top to bottom with a grey rule between them, for comparison pictures in
 * samples/ (e.g. one `fontgan render` row per model). JDK only, run as a single source file:
 *
 * <pre>java tools/StackImages.java OUT.png IN1.png IN2.png ...</pre>
 */
public final class StackImages {
    private static final int RULE_PX = 4;
    private static final Color RULE = new Color(0xB4, 0xB4, 0xB4);

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java tools/StackImages.java OUT.png IN.png...");
            System.exit(2);
        }
        List<BufferedImage> rows = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            BufferedImage img = ImageIO.read(new File(args[i]));
            if (img == null) {
                System.err.println(args[i] + ": not a picture ImageIO can read");
                System.exit(1);
            }
            rows.add(img);
        }
        int width = rows.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int height = rows.stream().mapToInt(BufferedImage::getHeight).sum() + RULE_PX * (rows.size() - 1);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                g.setColor(RULE);
                g.fillRect(0, y, width, RULE_PX);
                y += RULE_PX;
            }
            g.drawImage(rows.get(i), 0, y, null);
            y += rows.get(i).getHeight();
        }
        g.dispose();
        // temp file + rename: an interrupted run never leaves a half-written picture
        Path target = Path.of(args[0]).toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".stack", ".png");
        ImageIO.write(out, "png", tmp.toFile());
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("wrote " + args[0] + ": " + rows.size() + " rows, " + width + "x" + height);
    }
}
