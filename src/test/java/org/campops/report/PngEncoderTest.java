package org.campops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void decodesToTheSamePixels() throws Exception {
        Random random = new Random(18);
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {257, 129}, {1200, 40}}) {
            BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    // flat runs, gradients and noise: every byte difference of the Sub filter, wrapping included
                    int rgb = x % 50 < 25 ? 0xF7F8FA : (x * 7 + y * 3) << 8 | random.nextInt(256) << 16 | x & 0xFF;
                    image.setRGB(x, y, rgb);
                }
            }
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));
            assertThat(back.getWidth()).isEqualTo(size[0]);
            assertThat(back.getHeight()).isEqualTo(size[1]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertThat(back.getRGB(x, y) & 0xFFFFFF)
                            .as("pixel %d,%d of %dx%d", x, y, size[0], size[1])
                            .isEqualTo(image.getRGB(x, y) & 0xFFFFFF);
                }
            }
        }
    }

    @Test
    void takesOnlyRgbImages() {
        assertThatThrownBy(() -> PngEncoder.encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
