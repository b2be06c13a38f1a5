package io.contrast4j.trainer.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a labelled vector data set from a CSV or TSV file (optionally gzipped): each row holds the
 * features and an integer class label, by default in the last column.
 *
 * <ul>
 *   <li>Delimiter: {@code .tsv}/{@code .tab} -> tab, {@code .csv} -> comma (a {@code .gz} suffix is
 *       looked through); otherwise sniffed from the first non-blank line (tab, then ';', then ',').</li>
 *   <li>Header: {@link Header#AUTO} treats the first non-blank row as a header when one of its fields
 *       is not a number (so scikit-learn style headers such as {@code 150,4,setosa,...} are skipped).</li>
 *   <li>Fields are trimmed; a field wrapped in double quotes loses the quotes. Blank lines are skipped.</li>
 *   <li>numClasses = largest label + 1.</li>
 * </ul>
 * Every problem is a {@link DataException} with file and line: wrong column count, a value that is
 * not a number, NaN or infinite features, a non-integer or negative label, invalid UTF-8, empty file.
 */
public final class Csv {
    private Csv() {
    }

    /** Header handling. */
    public enum Header {
        /** First non-blank row is a header when any of its fields is not a number. */
        AUTO,
        /** First non-blank row is always a header. */
        PRESENT,
        /** There is no header: every row is data. */
        ABSENT
    }

    /**
     * @param delimiter   field separator, or 0 to choose from the extension / sniff it
     * @param header      header handling
     * @param labelColumn index of the label column, negative counts from the end (-1 = last)
     */
    public record Options(char delimiter, Header header, int labelColumn) {
        public Options {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
                throw new IllegalArgumentException("delimiter cannot be " + (int) delimiter);
            if (header == null) throw new IllegalArgumentException("header must not be null");
        }

        /** Auto delimiter, auto header, label in the last column. */
        public static Options defaults() {
            return new Options((char) 0, Header.AUTO, -1);
        }

        public Options withDelimiter(char d) {
            return new Options(d, header, labelColumn);
        }

        public Options withHeader(Header h) {
            return new Options(delimiter, h, labelColumn);
        }

        public Options withLabelColumn(int c) {
            return new Options(delimiter, header, c);
        }
    }

    /** {@link #load(Path, Options)} with {@link Options#defaults()}. */
    public static LabelledDataset load(Path file) {
        return load(file, Options.defaults());
    }

    /** Loads {@code file}; the data set is named after the file name without extensions. */
    public static LabelledDataset load(Path file, Options options) {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes = TextFile.readBytes(file);
        return parse(file.toString(), baseName(fileName), bytes, options, delimiterFromName(fileName));
    }

    /**
     * Parses CSV/TSV {@code bytes} (already decompressed) from {@code source} (used in errors).
     *
     * @param extensionDelimiter delimiter implied by the file name, or 0
     */
    static LabelledDataset parse(String source, String name, byte[] bytes, Options options, char extensionDelimiter) {
        List<String> lines = TextFile.decodeLines(source, bytes);
        if (TextFile.allBlank(lines)) throw new DataException(source, 0, "file is empty");
        int first = 0;
        while (lines.get(first).isBlank()) first++;
        char delim = options.delimiter() != 0 ? options.delimiter()
                : extensionDelimiter != 0 ? extensionDelimiter : sniff(lines.get(first));
        int start = first;
        if (options.header() == Header.PRESENT || (options.header() == Header.AUTO && looksLikeHeader(lines.get(first), delim))) {
            start = first + 1;
        }
        List<float[]> rows = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        int columns = -1;
        int labelCol = -1;
        int firstDataLine = -1;
        int maxLabel = -1;
        String[] fields = new String[16];
        for (int li = start; li < lines.size(); li++) {
            String line = lines.get(li);
            if (line.isBlank()) continue;
            int lineNo = li + 1;
            int n = split(line, delim, fields);
            if (n > fields.length) {
                fields = new String[n];
                split(line, delim, fields);
            }
            if (columns < 0) {
                columns = n;
                firstDataLine = lineNo;
                if (columns < 2)
                    throw new DataException(source, lineNo, "expected at least 2 columns (features and a label), got " + columns
                            + (columns == 1 ? " (delimiter " + describe(delim) + ")" : ""));
                labelCol = options.labelColumn() < 0 ? columns + options.labelColumn() : options.labelColumn();
                if (labelCol < 0 || labelCol >= columns)
                    throw new DataException(source, lineNo, "label column " + options.labelColumn() + " is outside the " + columns + " columns");
            } else if (n != columns) {
                throw new DataException(source, lineNo, "expected " + columns + " columns, got " + n
                        + " (column count set by line " + firstDataLine + ")");
            }
            float[] row = new float[columns - 1];
            int k = 0;
            for (int c = 0; c < columns; c++) {
                String f = fields[c];
                if (c == labelCol) {
                    int y = parseLabel(f, source, lineNo, c);
                    labelList.add(y);
                    maxLabel = Math.max(maxLabel, y);
                } else {
                    row[k++] = parseFeature(f, source, lineNo, c);
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) throw new DataException(source, 0, "no data rows after the header");
        int[] labels = new int[labelList.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = labelList.get(i);
        return new LabelledDataset(name, rows.toArray(new float[0][]), labels, maxLabel + 1);
    }

    /** Splits into {@code out} when it fits; returns the field count either way. */
    private static int split(String line, char delim, String[] out) {
        int n = 0;
        int start = 0;
        int len = line.length();
        while (true) {
            int end = line.indexOf(delim, start);
            if (end < 0) end = len;
            if (n < out.length) out[n] = unquote(line.substring(start, end).strip());
            n++;
            if (end >= len) break;
            start = end + 1;
        }
        return n;
    }

    private static String unquote(String f) {
        return f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"' ? f.substring(1, f.length() - 1).strip() : f;
    }

    private static boolean looksLikeHeader(String line, char delim) {
        String[] fields = new String[split(line, delim, new String[0])];
        split(line, delim, fields);
        for (String f : fields) if (!isNumber(f) && !isNonFinite(f)) return true;
        return false;
    }

    static char sniff(String line) {
        if (line.indexOf('\t') >= 0) return '\t';
        if (line.indexOf(';') >= 0) return ';';
        return ',';
    }

    private static char delimiterFromName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        if (n.endsWith(".tsv") || n.endsWith(".tab")) return '\t';
        if (n.endsWith(".csv")) return ',';
        return 0;
    }

    private static String baseName(String fileName) {
        int dot = fileName.indexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String describe(char d) {
        return d == '\t' ? "tab" : "'" + d + "'";
    }

    /** Strict decimal number: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?. */
    static boolean isNumber(String f) {
        int i = 0, n = f.length();
        if (i < n && (f.charAt(i) == '+' || f.charAt(i) == '-')) i++;
        int intDigits = 0, fracDigits = 0;
        while (i < n && isDigit(f.charAt(i))) {
            i++;
            intDigits++;
        }
        if (i < n && f.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(f.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < n && (f.charAt(i) == 'e' || f.charAt(i) == 'E')) {
            i++;
            if (i < n && (f.charAt(i) == '+' || f.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && isDigit(f.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) return false;
        }
        return i == n;
    }

    private static boolean isNonFinite(String f) {
        String t = f.toLowerCase(Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) t = t.substring(1);
        return t.equals("nan") || t.equals("inf") || t.equals("infinity");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String quoteShort(String f) {
        String t = f.length() > 40 ? f.substring(0, 40) + "..." : f;
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('\'').toString();
    }

    static float parseFeature(String f, String source, int line, int col) {
        if (f.isEmpty()) throw new DataException(source, line, "column " + (col + 1) + ": empty value");
        if (isNonFinite(f)) throw new DataException(source, line, "column " + (col + 1) + ": non-finite value " + quoteShort(f));
        if (!isNumber(f)) throw new DataException(source, line, "column " + (col + 1) + ": " + quoteShort(f) + " is not a number");
        float v = Float.parseFloat(f);
        if (!Float.isFinite(v))
            throw new DataException(source, line, "column " + (col + 1) + ": " + quoteShort(f) + " overflows float");
        return v;
    }

    /** Accepts a non-negative integer, optionally written with a zero fraction ("3" or "3.0"). */
    static int parseLabel(String f, String source, int line, int col) {
        String t = f;
        int dot = t.indexOf('.');
        if (dot >= 0) {
            boolean zeros = dot + 1 < t.length();
            for (int i = dot + 1; i < t.length(); i++) if (t.charAt(i) != '0') zeros = false;
            if (!zeros) throw notInteger(f, source, line, col);
            t = t.substring(0, dot);
        }
        if (t.startsWith("+")) t = t.substring(1);
        boolean negative = t.startsWith("-");
        String digits = negative ? t.substring(1) : t;
        if (digits.isEmpty()) throw notInteger(f, source, line, col);
        for (int i = 0; i < digits.length(); i++) if (!isDigit(digits.charAt(i))) throw notInteger(f, source, line, col);
        if (negative && !digits.chars().allMatch(ch -> ch == '0'))
            throw new DataException(source, line, "column " + (col + 1) + ": label " + quoteShort(f) + " is negative");
        int y;
        try {
            y = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new DataException(source, line, "column " + (col + 1) + ": label " + quoteShort(f) + " is too large");
        }
        if (y > 1_000_000)
            throw new DataException(source, line, "column " + (col + 1) + ": label " + y + " is too large (more than 1000000 classes)");
        return y;
    }

    private static DataException notInteger(String f, String source, int line, int col) {
        return new DataException(source, line, "column " + (col + 1) + ": label " + quoteShort(f) + " is not a non-negative integer");
    }
}
