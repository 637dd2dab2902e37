package dev.fontgan.zi2zi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Zi2ziGeneratorSpecTest {
    @Test
    void everyArchRoundTripsThroughJson() {
        for (Zi2ziArch a : Zi2ziArch.values()) {
            Zi2ziGeneratorSpec spec = Zi2ziGeneratorSpec.of(a);
            Map<String, Object> json = Json.parseObject(Json.write(spec.toJson()), "test");
            assertEquals(spec, Zi2ziGeneratorSpec.fromJson(json, "test"), a.id());
            assertEquals(a, Zi2ziArch.withGenerator(spec).orElseThrow());
            assertEquals(a, Zi2ziArch.parse(a.id()));
        }
    }

    @Test
    void packsWithoutDecoderWidthsMirrorTheEncoder() {
        // what every pack written before decoder widths were separate says (the shipped pack of sessions 1-2)
        Map<String, Object> old = Json.parseObject("{\"channels\": [16, 32, 64, 128, 128, 128], \"embedding_dim\": 64,"
                + " \"norm\": \"batch\", \"conditional_decoder_norm\": false, \"up\": \"nearest_expand\","
                + " \"final_bias\": true, \"dropout_levels\": [1, 2, 3]}", "test");
        Zi2ziGeneratorSpec spec = Zi2ziGeneratorSpec.fromJson(old, "test");
        assertArrayEquals(new int[] {16, 32, 64, 128, 128}, spec.decoderChannels());
        assertEquals(Zi2ziArch.DEFAULT, Zi2ziArch.withGenerator(spec).orElseThrow());
        assertEquals(Json.write(old), Json.write(spec.toJson()), "an old pack's description is written back unchanged");
        assertTrue(Zi2ziGeneratorSpec.of(Zi2ziArch.SLIM).toJson().containsKey("decoder_channels"));
        assertFalse(Zi2ziGeneratorSpec.of(Zi2ziArch.SLIM).mirroredDecoder());
    }

    @Test
    void badDecoderWidthsAreRefused() {
        Map<String, Object> json = Zi2ziGeneratorSpec.of(Zi2ziArch.SLIM).toJson();
        json.put("decoder_channels", List.of(8, 16));
        assertThrows(FontganException.class, () -> Zi2ziGeneratorSpec.fromJson(json, "test"));
        json.put("decoder_channels", List.of(8, 16, 0, 128, 128));
        assertThrows(FontganException.class, () -> Zi2ziGeneratorSpec.fromJson(json, "test"));
    }
}
