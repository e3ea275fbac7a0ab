package org.prooftrail.api.labels;

/** The image format of a label ZIP's entries. */
enum LabelImage {
    PNG, SVG;

    String extension() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
