package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The "lp" and "padding" sections of lytt-v1.json. */
final class LpSection {
  private LpSection() {
  }

  static ObjectNode build(ObjectMapper json) {
    ObjectNode n = json.createObjectNode();
    ArrayNode ints = n.putArray("integers");
    ints.addObject().put("type", "u16").put("value", 258).put("hex", hex(Lp.u16(258)));
    ints.addObject().put("type", "u32").put("value", 4_294_967_295L)
        .put("hex", hex(Lp.u32(4_294_967_295L)));
    ints.addObject().put("type", "u64").put("value", LyttVectorGenerator.NOT_BEFORE)
        .put("hex", hex(Lp.u64(LyttVectorGenerator.NOT_BEFORE)));
    ArrayNode examples = n.putArray("examples");
    ObjectNode one = examples.addObject();
    one.putArray("fields").addObject().put("utf8", "lytt/cert/v1");
    one.put("hex", hex(new Lp().utf8("lytt/cert/v1").toBytes()));
    ObjectNode mixed = examples.addObject();
    ArrayNode fields = mixed.putArray("fields");
    fields.addObject().put("utf8", "");
    fields.addObject().put("hex", "00ff");
    fields.addObject().put("u32", 2);
    fields.addObject().put("u64", LyttVectorGenerator.NOW);
    fields.addObject().put("utf8", "Åse");
    mixed.put("hex", hex(new Lp().utf8("").field(new byte[] {0, (byte) 0xff}).u32Field(2)
        .u64Field(LyttVectorGenerator.NOW).utf8("Åse").toBytes()));
    return n;
  }

  static ObjectNode padding(ObjectMapper json) {
    ObjectNode n = json.createObjectNode();
    n.put("block", Padding.BLOCK);
    n.put("maxPadded", Padding.MAX_PADDED);
    n.put("maxInner", Padding.MAX_INNER);
    ArrayNode examples = n.putArray("examples");
    for (int length : new int[] {0, 3, 252, 253, 508, 509, Padding.MAX_INNER}) {
      ObjectNode e = examples.addObject().put("innerLength", length)
          .put("paddedLength", Padding.paddedLength(length));
      if (length == 3) {
        byte[] inner = "abc".getBytes(StandardCharsets.UTF_8);
        e.put("innerHex", hex(inner)).put("paddedHex", hex(Padding.pad(inner)));
      }
    }
    n.putObject("tooLong").put("innerLength", Padding.MAX_INNER + 1)
        .put("expectedError", CryptoException.Reason.TOO_LONG.code());
    return n;
  }
}
