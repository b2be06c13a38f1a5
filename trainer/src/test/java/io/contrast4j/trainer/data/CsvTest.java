package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private DataException fail(String name, String content) throws IOException {
        Path p = write(name, content);
        return assertThrows(DataException.class, () -> Csv.load(p));
    }

    @Test
    void loadsFeaturesAndLastColumnLabel() throws IOException {
        LabelledDataset d = Csv.load(write("toy.csv", "1,2.5,0\n-3,4e1,2\n\n0.5,.25,1\n"));
        assertEquals("toy", d.name());
        assertEquals(3, d.size());
        assertEquals(2, d.dim());
        assertEquals(3, d.numClasses(), "max label + 1");
        assertArrayEquals(new float[]{-3f, 40f}, d.features()[1]);
        assertArrayEquals(new float[]{0.5f, 0.25f}, d.features()[2]);
        assertArrayEquals(new int[]{0, 2, 1}, d.labels());
    }

    @Test
    void detectsHeaderAndTsvAndCrlfAndBom() throws IOException {
        LabelledDataset d = Csv.load(write("t.tsv", "\uFEFFx1\tx2\tlabel\r\n1\t2\t1\r\n3\t4\t0\r\n"));
        assertEquals(2, d.size());
        assertArrayEquals(new float[]{1, 2}, d.features()[0]);
        // scikit-learn style header with numbers and class names
        LabelledDataset iris = Csv.load(write("iris.csv", "2,2,setosa,versicolor\n5.1,3.5,0\n7.0,3.2,1\n"));
        assertEquals(2, iris.size());
        assertArrayEquals(new int[]{0, 1}, iris.labels());
    }

    @Test
    void sniffsDelimiterAndQuotes() throws IOException {
        LabelledDataset semi = Csv.load(write("data.txt", "1;2;0\n3;4;1\n"));
        assertArrayEquals(new float[]{3, 4}, semi.features()[1]);
        LabelledDataset quoted = Csv.load(write("q.csv", "\"1.5\", \"2\" ,\"1\"\n"));
        assertArrayEquals(new float[]{1.5f, 2f}, quoted.features()[0]);
        assertEquals(1, quoted.labels()[0]);
    }

    @Test
    void labelColumnOptionAndIntegralFloatLabel() throws IOException {
        Path p = write("first.csv", "1,0.5,0.25\n0,1,2\n");
        LabelledDataset d = Csv.load(p, Csv.Options.defaults().withLabelColumn(0));
        assertArrayEquals(new int[]{1, 0}, d.labels());
        assertArrayEquals(new float[]{0.5f, 0.25f}, d.features()[0]);
        assertArrayEquals(new int[]{3, 0}, Csv.load(write("f.csv", "1,3.0\n2,0\n")).labels());
    }

    @Test
    void readsGzippedFiles() throws IOException {
        Path p = dir.resolve("z.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write("1,2,1\n3,4,0\n".getBytes(StandardCharsets.UTF_8));
        }
        LabelledDataset d = Csv.load(p);
        assertEquals("z", d.name());
        assertEquals(2, d.size());
    }

    @Test
    void wrongColumnCountNamesLine() throws IOException {
        DataException e = fail("digits.csv", "1,2,3,0\n1,2,3,1\n1,2\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().endsWith("digits.csv:3: expected 4 columns, got 2 (column count set by line 1)"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "1,2,0~2,abc,1|2|column 2: 'abc' is not a number",
            "1,2,0~2,NaN,1|2|column 2: non-finite value 'NaN'",
            "1,2,0~2,-Infinity,1|2|non-finite value '-Infinity'",
            "1,2,0~2,1e999,1|2|'1e999' overflows float",
            "1,2,0~2,0x10,1|2|'0x10' is not a number",
            "1,2,0~2,1f,1|2|'1f' is not a number",
            "1,2,0~2,,1|2|column 2: empty value",
            "1,2,0~2,3,1.5|2|column 3: label '1.5' is not a non-negative integer",
            "1,2,0~2,3,cat|2|label 'cat' is not a non-negative integer",
            "1,2,0~2,3,-1|2|label '-1' is negative",
            "1,2,0~2,3,99999999999|2|label '99999999999' is too large",
            "1|1|expected at least 2 columns",
    })
    void badValuesNameLineAndColumn(String rows, int line, String fragment) throws IOException {
        DataException e = fail("bad.csv", rows.replace('~', '\n') + "\n");
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.problem().contains(fragment), e.getMessage());
    }

    @Test
    void explicitNoHeaderMakesTextRowAnError() throws IOException {
        Path p = write("h.csv", "a,b,label\n1,2,0\n");
        DataException e = assertThrows(DataException.class, () -> Csv.load(p, Csv.Options.defaults().withHeader(Csv.Header.ABSENT)));
        assertEquals(1, e.line());
        assertTrue(e.problem().contains("'a' is not a number"), e.getMessage());
    }

    @Test
    void missingEmptyAndHeaderOnlyFiles() throws IOException {
        DataException missing = assertThrows(DataException.class, () -> Csv.load(dir.resolve("nope.csv")));
        assertEquals(dir.resolve("nope.csv") + ": file not found", missing.getMessage());
        assertEquals("file is empty", fail("e.csv", "").problem());
        assertEquals("file is empty", fail("e2.csv", "\n  \n").problem());
        assertEquals("no data rows after the header", fail("h.csv", "a,b,label\n").problem());
        DataException isDir = assertThrows(DataException.class, () -> Csv.load(dir));
        assertTrue(isDir.problem().contains("is a directory"), isDir.getMessage());
    }

    @Test
    void invalidUtf8NamesLine() throws IOException {
        Path p = dir.resolve("u.csv");
        byte[] ok = "1,2,0\n3,4,1\n5,".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[ok.length + 4];
        System.arraycopy(ok, 0, bytes, 0, ok.length);
        bytes[ok.length] = (byte) 0xC3; // truncated 2-byte sequence followed by ASCII
        bytes[ok.length + 1] = '6';
        bytes[ok.length + 2] = ',';
        bytes[ok.length + 3] = '1';
        Files.write(p, bytes);
        DataException e = assertThrows(DataException.class, () -> Csv.load(p));
        assertEquals(3, e.line());
        assertTrue(e.problem().startsWith("invalid UTF-8 byte sequence at byte offset " + ok.length + " (0xc3)"), e.getMessage());
    }

    @Test
    void corruptGzipIsDataException() throws IOException {
        Path p = dir.resolve("c.csv.gz");
        Files.write(p, new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        DataException e = assertThrows(DataException.class, () -> Csv.load(p));
        assertTrue(e.problem().startsWith("corrupt gzip data"), e.getMessage());
    }

    @Test
    void strictNumberGrammar() {
        for (String ok : new String[]{"0", "-1", "+2", "1.", ".5", "1.5e-3", "2E+10"})
            assertTrue(Csv.isNumber(ok), ok);
        for (String bad : new String[]{"", ".", "-", "e5", "1e", "1.2.3", "1,5", "0x1p3", "1d", " 1"})
            assertTrue(!Csv.isNumber(bad), bad);
    }
}
