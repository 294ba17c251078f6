package io.tarn.blockstore.azure;

import io.tarn.blockstore.spi.AbstractBlockStoreContractTest;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.Location;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blockstore contract, against Azurite's blob service started for this class. */
class AzureBlockStoreContractTest extends AbstractBlockStoreContractTest {
    @RegisterExtension
    static final Azurite AZURITE = new Azurite();

    @Override
    protected BlockStore openStore() {
        AZURITE.createContainer("contract");
        return AzureBlockStore.open(AZURITE.config());
    }

    @Override
    protected Location baseLocation() {
        return Location.of("az://" + Azurite.ACCOUNT + "/contract");
    }

    @Override
    public Map<String, String> presignedPutHeaders() {
        return Map.of("x-ms-blob-type", "BlockBlob");
    }
}
