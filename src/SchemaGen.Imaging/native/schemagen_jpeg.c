/*
 * libschemagen_jpeg: SchemaGen.Imaging's JPEG decoder, a thin shim over libjpeg-turbo (built into this library
 * statically, with its SIMD code). One call decodes a window of a JPEG at a DCT scale into the caller's buffer as
 * TensorFlow's decode_and_crop_jpeg does: jpeg_crop_scanline for the columns, jpeg_skip_scanlines for the rows above,
 * the rows below never decoded.
 *
 * Safety: libjpeg reports fatal errors through error_exit, which must not return; ours longjmps back to the entry
 * point, so no libjpeg error ever unwinds into managed code. Warnings are never printed. A data source that runs out
 * (libjpeg's "premature end of data" warning) is an error, as in TensorFlow without try_recover_truncated. A
 * progressive JPEG with more than SG_MAX_SCANS scans is refused (a known denial of service: each scan redecodes
 * the whole image).
 *
 * Built by build/build-natives.sh. Licence: MIT (SchemaGen); libjpeg-turbo's licences are in THIRD-PARTY-NOTICES.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "jpeglib.h"
#include "jerror.h"

#define SG_EXPORT __attribute__((visibility("default")))
#define SG_MAX_SCANS 500

enum sg_result {
  SG_OK = 0,
  SG_CORRUPT = 1,
  SG_TRUNCATED = 2,
  SG_UNSUPPORTED = 3,
  SG_BAD_ARGUMENT = 4,
};

/* libjpeg-turbo's SIMD dispatch (internal, but exported by the static library): nonzero when the SIMD IDCT is used. */
extern int jsimd_can_idct_islow(void);

struct sg_error {
  struct jpeg_error_mgr pub;
  jmp_buf jump;
  int truncated;
  char *message;
  int capacity;
};

static void sg_set_message(struct sg_error *error, const char *text) {
  if (error->message != NULL && error->capacity > 0) {
    snprintf(error->message, (size_t)error->capacity, "%s", text);
  }
}

static void sg_error_exit(j_common_ptr cinfo) {
  struct sg_error *error = (struct sg_error *)cinfo->err;
  char text[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, text);
  sg_set_message(error, text);
  longjmp(error->jump, 1);
}

static void sg_emit_message(j_common_ptr cinfo, int level) {
  struct sg_error *error = (struct sg_error *)cinfo->err;
  if (level < 0) {
    /* A warning: corrupt entropy-coded data is decoded on (as TensorFlow does); running out of data is not. */
    cinfo->err->num_warnings++;
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) {
      error->truncated = 1;
      sg_set_message(error, "the data ends before the image does (premature end of JPEG data)");
      longjmp(error->jump, 1);
    }
  }
}

static void sg_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void sg_progress(j_common_ptr cinfo) {
  if (cinfo->is_decompressor && ((j_decompress_ptr)cinfo)->input_scan_number > SG_MAX_SCANS) {
    struct sg_error *error = (struct sg_error *)cinfo->err;
    char text[96];
    snprintf(text, sizeof text, "more than %d scans (a progressive JPEG this fragmented is refused)", SG_MAX_SCANS);
    sg_set_message(error, text);
    error->pub.msg_code = -1;
    longjmp(error->jump, 1);
  }
}

static int sg_error_kind(const struct sg_error *error) {
  if (error->truncated) {
    return SG_TRUNCATED;
  }

  switch (error->pub.msg_code) {
  case JERR_CONVERSION_NOTIMPL:
  case JERR_BAD_PRECISION:
  case JERR_NOTIMPL:
  case JERR_ARITH_NOTIMPL:
    return SG_UNSUPPORTED;
  default:
    return SG_CORRUPT;
  }
}

/* ITU-R BT.601 luma in libjpeg's and PIL's fixed point. */
static unsigned char sg_luma(int r, int g, int b) {
  return (unsigned char)((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
}

/* One decoded row (components per pixel) to the caller's channels. CMYK as TensorFlow's jpeg_mem.cc converts it. */
static void sg_convert_row(const JSAMPLE *source, unsigned char *target, int width, int components, int channels,
                           int adobe) {
  int i;
  if (components == channels) {
    memcpy(target, source, (size_t)width * (size_t)channels);
  } else if (components == 3) { /* RGB to grey */
    for (i = 0; i < width; i++, source += 3) {
      target[i] = sg_luma(source[0], source[1], source[2]);
    }
  } else { /* CMYK */
    for (i = 0; i < width; i++, source += 4) {
      int c = source[0], m = source[1], y = source[2], k = source[3];
      int r, g, b;
      if (adobe) {
        r = (k * c) / 255;
        g = (k * m) / 255;
        b = (k * y) / 255;
      } else {
        r = ((255 - k) * (255 - c)) / 255;
        g = ((255 - k) * (255 - m)) / 255;
        b = ((255 - k) * (255 - y)) / 255;
      }

      if (channels == 3) {
        target[3 * i] = (unsigned char)r;
        target[3 * i + 1] = (unsigned char)g;
        target[3 * i + 2] = (unsigned char)b;
      } else {
        target[i] = sg_luma(r, g, b);
      }
    }
  }
}

/*
 * Decodes the rectangle (x, y, width, height) of the JPEG reduced by 1/scale (1, 2, 4 or 8; rectangle in reduced
 * pixels) into target: height rows of width * channels bytes (channels 3: RGB; 1: grey, colour through the luma).
 * expected_width/height: the size the caller read from the header (a mismatch is corrupt data).
 * Returns SG_OK or an error kind with a message in message (capacity bytes, NUL-terminated).
 */
SG_EXPORT int sg_jpeg_decode(const unsigned char *data, unsigned long size, int expected_width, int expected_height,
                             int scale, int x, int y, int width, int height, int channels, unsigned char *target,
                             long target_size, char *message, int capacity) {
  struct jpeg_decompress_struct cinfo;
  struct jpeg_progress_mgr progress;
  struct sg_error error;
  /* Volatile: read after a longjmp. */
  volatile int created = 0;
  volatile int result = SG_OK;
  JSAMPARRAY row = NULL;
  JDIMENSION xoffset, cropwidth, skipped;
  int components, adobe, direct, i;

  if (message != NULL && capacity > 0) {
    message[0] = '\0';
  }

  if (data == NULL || target == NULL || size == 0 || (scale != 1 && scale != 2 && scale != 4 && scale != 8) ||
      (channels != 1 && channels != 3) || x < 0 || y < 0 || width <= 0 || height <= 0 ||
      (long)width * height * channels > target_size) {
    if (message != NULL && capacity > 0) {
      snprintf(message, (size_t)capacity, "invalid arguments");
    }
    return SG_BAD_ARGUMENT;
  }

  memset(&error, 0, sizeof error);
  error.message = message;
  error.capacity = capacity;
  cinfo.err = jpeg_std_error(&error.pub);
  error.pub.error_exit = sg_error_exit;
  error.pub.emit_message = sg_emit_message;
  error.pub.output_message = sg_output_message;

  if (setjmp(error.jump)) {
    result = sg_error_kind(&error);
    if (created) {
      jpeg_destroy_decompress(&cinfo);
    }
    return result;
  }

  jpeg_create_decompress(&cinfo);
  created = 1;
  progress.progress_monitor = sg_progress;
  cinfo.progress = &progress;
  jpeg_mem_src(&cinfo, data, size);
  jpeg_read_header(&cinfo, TRUE);
  if ((int)cinfo.image_width != expected_width || (int)cinfo.image_height != expected_height) {
    char text[128];
    snprintf(text, sizeof text, "libjpeg reads %u x %u pixels where the header declares %d x %d", cinfo.image_width,
             cinfo.image_height, expected_width, expected_height);
    sg_set_message(&error, text);
    jpeg_destroy_decompress(&cinfo);
    return SG_CORRUPT;
  }

  adobe = cinfo.saw_Adobe_marker;
  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
    cinfo.out_color_space = JCS_CMYK;
    components = 4;
  } else if (cinfo.jpeg_color_space == JCS_GRAYSCALE && channels == 1) {
    cinfo.out_color_space = JCS_GRAYSCALE;
    components = 1;
  } else {
    /* Grey to RGB repeats the value; colour to grey goes through RGB and the luma (PIL's convert('L')). */
    cinfo.out_color_space = JCS_RGB;
    components = 3;
  }

  /* PIL's and TensorFlow's defaults: the accurate integer IDCT and fancy (smooth) upsampling. */
  cinfo.dct_method = JDCT_ISLOW;
  cinfo.do_fancy_upsampling = TRUE;
  cinfo.scale_num = 1;
  cinfo.scale_denom = (unsigned int)scale;
  jpeg_start_decompress(&cinfo);
  if ((long)x + width > (long)cinfo.output_width || (long)y + height > (long)cinfo.output_height) {
    char text[160];
    snprintf(text, sizeof text, "the window (%d, %d) %d x %d is outside the %u x %u image reduced by 1/%d", x, y,
             width, height, cinfo.output_width, cinfo.output_height, scale);
    sg_set_message(&error, text);
    jpeg_destroy_decompress(&cinfo);
    return SG_BAD_ARGUMENT;
  }

  xoffset = (JDIMENSION)x;
  cropwidth = (JDIMENSION)width;
  if (xoffset != 0 || cropwidth != cinfo.output_width) {
    /* Widens the columns to whole iMCUs: xoffset moves left, cropwidth grows. */
    jpeg_crop_scanline(&cinfo, &xoffset, &cropwidth);
  }

  if (y > 0) {
    skipped = jpeg_skip_scanlines(&cinfo, (JDIMENSION)y);
    if (skipped != (JDIMENSION)y) {
      sg_set_message(&error, "the data ends before the window's first row");
      jpeg_destroy_decompress(&cinfo);
      return SG_TRUNCATED;
    }
  }

  /* Rows go straight into the target when they are already its pixels; otherwise through one row buffer. */
  direct = components == channels && xoffset == (JDIMENSION)x && cropwidth == (JDIMENSION)width;
  if (!direct) {
    row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE, cropwidth * (JDIMENSION)components, 1);
  }

  for (i = 0; i < height; i++) {
    unsigned char *out = target + (size_t)i * (size_t)width * (size_t)channels;
    JSAMPROW rows[1];
    rows[0] = direct ? out : row[0];
    if (jpeg_read_scanlines(&cinfo, rows, 1) != 1) {
      sg_set_message(&error, "the data ends before the window's last row");
      jpeg_destroy_decompress(&cinfo);
      return SG_TRUNCATED;
    }

    if (!direct) {
      sg_convert_row(row[0] + (size_t)(x - (int)xoffset) * (size_t)components, out, width, components, channels, adobe);
    }
  }

  /* The rows below the window are never decoded. */
  jpeg_destroy_decompress(&cinfo);
  return SG_OK;
}

/* 1 when libjpeg-turbo's SIMD IDCT is in use on this CPU (0 on a CPU without the instructions, or JSIMD_FORCENONE). */
SG_EXPORT int sg_jpeg_simd(void) { return jsimd_can_idct_islow(); }

/* LIBJPEG_TURBO_VERSION_NUMBER of the libjpeg-turbo built in, e.g. 2001005 for 2.1.5. */
SG_EXPORT int sg_jpeg_version(void) { return LIBJPEG_TURBO_VERSION_NUMBER; }
