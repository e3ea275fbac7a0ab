package org.prooftrail.api.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.lowagie.text.pdf.PRStream;
import com.lowagie.text.pdf.PdfBoolean;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;

/**
 * Labels of a 10,000-item lot over HTTP: the ZIP has one QR image per serial and a random sample
 * decodes (with ZXing's reader) to exactly the issued Digital Links; the PDF parses back with the
 * expected number of pages, the label text, and QR images that decode to the right URIs.
 */
class LabelsTest {
    static final int COUNT = 10_000;
    private static Vertx vertx;
    private static ApiHarness api;
    private static Map<String, String> issued;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        issued = LabelFixture.issue(api, COUNT);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String query, String token) throws Exception {
        return api.request(HttpMethod.GET, LabelFixture.labelsPath(query), token).send().await(300, TimeUnit.SECONDS);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static String decode(byte[] png) throws Exception {
        return decode(ImageIO.read(new ByteArrayInputStream(png)));
    }

    /** Not inverted: a light-on-dark code would fail here, as it does in many phone scanners. */
    static String decode(BufferedImage img) throws Exception {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))),
                Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.PURE_BARCODE, false))
                .getText();
    }

    @Test
    void pngZipHasEveryItemAndSampledCodesDecodeToTheIssuedUris() throws Exception {
        HttpResponse<Buffer> r = get("?format=zip&image=png", api.token(ApiRole.COMPANY, "pharma"));
        assertEquals(200, r.statusCode(), r.statusCode() == 200 ? "" : r.bodyAsString());
        assertEquals("application/zip", r.getHeader("content-type"));
        assertTrue(r.getHeader("content-disposition").contains(".zip"));
        Map<String, byte[]> entries = unzip(r.body().getBytes());
        assertEquals(COUNT, entries.size());
        List<String> serials = new ArrayList<>(issued.keySet());
        serials.forEach(s -> assertTrue(entries.containsKey(s + ".png"), s));
        Collections.shuffle(serials, new Random());
        for (String serial : serials.subList(0, 50)) {
            assertEquals(issued.get(serial), decode(entries.get(serial + ".png")), serial);
        }
    }

    @Test
    void svgZipHasOneQrCodePerItem() throws Exception {
        HttpResponse<Buffer> r = get("?image=svg", api.token(ApiRole.REGULATOR, null));
        assertEquals(200, r.statusCode());
        Map<String, byte[]> entries = unzip(r.body().getBytes());
        assertEquals(COUNT, entries.size());
        String svg = new String(entries.get(issued.keySet().iterator().next() + ".svg"), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("<path"), svg);
    }

    @Test
    void pdfSheetOpensWithAllLabels() throws Exception {
        HttpResponse<Buffer> r = get("?format=pdf", api.token(ApiRole.COMPANY, "pharma"));
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.getHeader("content-type"));
        PdfReader pdf = new PdfReader(r.body().getBytes());
        try {
            assertEquals((COUNT + LabelSheet.PER_PAGE - 1) / LabelSheet.PER_PAGE, pdf.getNumberOfPages());
            String first = new PdfTextExtractor(pdf).getTextFromPage(1);
            String firstSerial = issued.keySet().stream().sorted().findFirst().orElseThrow();
            assertTrue(first.contains(firstSerial) && first.contains(LabelFixture.GTIN)
                    && first.contains(LabelFixture.LOT) && first.contains("2028-02-29"), first);
            // the page's QR images decode to the Digital Links of the first 24 serials
            List<String> expected = issued.keySet().stream().sorted().limit(LabelSheet.PER_PAGE).map(issued::get).sorted().toList();
            assertEquals(expected, pageQrCodes(pdf, 1).stream().sorted().toList());
        } finally {
            pdf.close();
        }
    }

    /**
     * Decodes every image of a page as a QR code, the way a viewer shows it: OpenPDF stores 1-bit
     * images as CCITT G4, which the JDK's TIFF reader decodes once wrapped in a TIFF header.
     */
    private static List<String> pageQrCodes(PdfReader pdf, int page) throws Exception {
        PdfDictionary xobjects = pdf.getPageN(page).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.XOBJECT);
        List<String> uris = new ArrayList<>();
        for (PdfName key : xobjects.getKeys()) {
            PRStream stream = (PRStream) PdfReader.getPdfObject(xobjects.get(key));
            assertEquals(PdfName.CCITTFAXDECODE, stream.getAsName(PdfName.FILTER));
            PdfDictionary parms = stream.getAsDict(PdfName.DECODEPARMS);
            assertEquals(-1, parms.getAsNumber(PdfName.K).intValue());
            PdfBoolean blackIs1 = parms.getAsBoolean(PdfName.BLACKIS1);
            BufferedImage img = Tiff.g4(stream.getAsNumber(PdfName.WIDTH).intValue(),
                    stream.getAsNumber(PdfName.HEIGHT).intValue(), blackIs1 != null && blackIs1.booleanValue(),
                    PdfReader.getStreamBytesRaw(stream));
            uris.add(decode(scaled(img, 4)));
        }
        return uris;
    }

    /** Readers want a few pixels per module. */
    private static BufferedImage scaled(BufferedImage img, int scale) {
        BufferedImage out = new BufferedImage(img.getWidth() * scale, img.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, img.getRGB(x / scale, y / scale));
            }
        }
        return out;
    }

    @Test
    void labelsNeedItemsAndScope() throws Exception {
        HttpResponse<Buffer> other = get("", api.token(ApiRole.COMPANY, "someone-else"));
        assertEquals(403, other.statusCode());
        assertEquals(401, get("", null).statusCode());
        HttpResponse<Buffer> none = api.request(HttpMethod.GET, "/v1/products/" + LabelFixture.GTIN + "/lots/NOPE/labels",
                api.token(ApiRole.REGULATOR, null)).send().await(30, TimeUnit.SECONDS);
        assertEquals(404, none.statusCode());
        assertEquals(400, get("?format=docx", api.token(ApiRole.REGULATOR, null)).statusCode());
    }
}
